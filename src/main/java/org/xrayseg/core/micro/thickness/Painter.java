package org.xrayseg.core.micro.thickness;

/**
 * Paints balls into the thickness of one block: every voxel v of the block
 * with |v - c|² < r² gets the larger of its value and the ball's diameter 2r.
 * Row by row: one square root per row of the ball, then a plain loop.
 */
final class Painter {

	private final float[] thickness;
	private final BlockThickness.Block b;
	private final int bx;
	private final int by;
	private final double hx;
	private final double hy;
	private final double hz;

	/** @param thickness the block's values, {@code [x - x0 + bx * (y - y0 + by * (z - z0))]} */
	Painter(final float[] thickness, final BlockThickness.Block block, final double hx, final double hy,
		final double hz)
	{
		this.thickness = thickness;
		b = block;
		bx = block.x1() - block.x0();
		by = block.y1() - block.y0();
		this.hx = hx;
		this.hy = hy;
		this.hz = hz;
	}

	/** @return the squared distance from (x, y, z) to the nearest voxel of the block */
	double gap2(final int x, final int y, final int z) {
		final double gx = gap(x, b.x0(), b.x1()) * hx, gy = gap(y, b.y0(), b.y1()) * hy, gz = gap(z, b.z0(), b
			.z1()) * hz;
		return gx * gx + gy * gy + gz * gz;
	}

	private static int gap(final int p, final int from, final int to) {
		return p < from ? from - p : p >= to ? p - to + 1 : 0;
	}

	/** Paints the ball of centre (cx, cy, cz) (volume coordinates) and squared radius r2. */
	void paint(final int cx, final int cy, final int cz, final float r2) {
		final double rr = r2;
		final float diameter = (float) (2 * Math.sqrt(rr));
		final int kz = steps(rr, hz);
		for (int z = Math.max(b.z0(), cz - kz); z <= Math.min(b.z1() - 1, cz + kz); z++) {
			final double remZ = rr - sq((z - cz) * hz);
			final int ky = steps(remZ, hy);
			for (int y = Math.max(b.y0(), cy - ky); y <= Math.min(b.y1() - 1, cy + ky); y++) {
				final int kx = steps(remZ - sq((y - cy) * hy), hx);
				final int from = Math.max(b.x0(), cx - kx), to = Math.min(b.x1() - 1, cx + kx);
				final int row = -b.x0() + bx * (y - b.y0() + by * (z - b.z0()));
				for (int x = from; x <= to; x++)
					if (thickness[row + x] < diameter) thickness[row + x] = diameter;
			}
		}
	}

	/** @return the largest k >= 0 with (k h)² < rem, or -1 when rem <= 0 */
	static int steps(final double rem, final double h) {
		if (rem <= 0) return -1;
		int k = (int) Math.floor(Math.sqrt(rem) / h);
		while (k > 0 && sq(k * h) >= rem)
			k--;
		while (sq((k + 1) * h) < rem)
			k++;
		return k;
	}

	private static double sq(final double v) {
		return v * v;
	}
}
