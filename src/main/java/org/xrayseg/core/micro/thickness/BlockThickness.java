package org.xrayseg.core.micro.thickness;

import java.util.Arrays;

/**
 * The local thickness of the voxels of one block, computed from the block plus
 * its halo (the "box"), tallied. One instance per worker thread: it owns one
 * float per box voxel and one per block voxel, reused block after block.
 * <p>
 * Steps (see {@link LocalThickness} for why the result is exact below the cap):
 * the squared distance d² of every phase voxel of the box to the nearest
 * non-phase voxel of the box; the radius r² = min(d², m², (cap/2)²), where m is
 * the distance to the nearest voxel beyond a halo face that lies inside the
 * volume (r is then at most the true distance, so each ball is all phase);
 * the balls of radius r not contained in a neighbour's ball are painted
 * (maximum of 2r) over the block; voxels within cap/2 of a centre whose ball
 * was clamped to cap/2 are counted as capped.
 */
final class BlockThickness {

	/** A block: voxels [x0, x1) x [y0, y1) x [z0, z1). */
	record Block(int x0, int x1, int y0, int y1, int z0, int z1) {}

	private final SlabMask mask;
	private final int width;
	private final int height;
	private final int depth;
	private final double hx;
	private final double hy;
	private final double hz;
	private final int halo;
	private final float capRadius2;
	private final float[] box;
	private final float[] thickness;
	private final SquaredEdt edt;
	private final double[] marginX;
	private final double[] marginY;
	private final double[] marginZ;
	private final Neighbours neighbours;

	BlockThickness(final SlabMask mask, final int width, final int height, final int depth, final double[] spacing,
		final ThicknessSettings settings, final double cap)
	{
		this.mask = mask;
		this.width = width;
		this.height = height;
		this.depth = depth;
		hx = spacing[0];
		hy = spacing[1];
		hz = spacing[2];
		halo = settings.halo();
		capRadius2 = (float) (cap / 2 * (cap / 2));
		final int[] boxSide = boxSides(width, height, depth, settings);
		box = new float[boxSide[0] * boxSide[1] * boxSide[2]];
		thickness = new float[Math.min(width, settings.blockXY()) * Math.min(height, settings.blockXY()) * Math.min(
			depth, settings.blockZ())];
		edt = new SquaredEdt(Math.max(boxSide[0], Math.max(boxSide[1], boxSide[2])));
		marginX = new double[boxSide[0]];
		marginY = new double[boxSide[1]];
		marginZ = new double[boxSide[2]];
		neighbours = new Neighbours(hx, hy, hz);
	}

	/** @return the largest box in voxels along x, y and z */
	static int[] boxSides(final int width, final int height, final int depth, final ThicknessSettings s) {
		return new int[] { Math.min(width, s.blockXY() + 2 * s.halo()), Math.min(height, s.blockXY() + 2 * s
			.halo()), Math.min(depth, s.blockZ() + 2 * s.halo()) };
	}

	/** Adds the thickness of every phase voxel of {@code b} to {@code tally}; the mask must hold its box. */
	void run(final Block b, final ThicknessTally tally) {
		final int ex0 = Math.max(0, b.x0 - halo), ex1 = Math.min(width, b.x1 + halo);
		final int ey0 = Math.max(0, b.y0 - halo), ey1 = Math.min(height, b.y1 + halo);
		final int ez0 = Math.max(0, b.z0 - halo), ez1 = Math.min(depth, b.z1 + halo);
		final int nx = ex1 - ex0, ny = ey1 - ey0, nz = ez1 - ez0;
		if (!fill(b, ex0, ey0, ez0, nx, ny, nz)) return;
		edt.transform(box, nx, ny, nz, hx, hy, hz);
		margins(marginX, ex0 > 0, ex1 < width, nx, hx);
		margins(marginY, ey0 > 0, ey1 < height, ny, hy);
		margins(marginZ, ez0 > 0, ez1 < depth, nz, hz);
		for (int z = 0, i = 0; z < nz; z++)
			for (int y = 0; y < ny; y++)
				for (int x = 0; x < nx; x++, i++)
					if (box[i] > 0) box[i] = (float) Math.min(Math.min(box[i], capRadius2), Math.min(marginX[x], Math.min(
						marginY[y], marginZ[z])));
		final int bx = b.x1 - b.x0, by = b.y1 - b.y0, bz = b.z1 - b.z0;
		Arrays.fill(thickness, 0, bx * by * bz, 0f);
		final Painter painter = new Painter(thickness, b, hx, hy, hz);
		boolean anyCapped = false;
		for (int z = 0, i = 0; z < nz; z++)
			for (int y = 0; y < ny; y++)
				for (int x = 0; x < nx; x++, i++) {
					final float r2 = box[i];
					if (r2 == 0) continue;
					if (r2 >= capRadius2) {
						anyCapped = true;
						continue;
					}
					if (painter.gap2(ex0 + x, ey0 + y, ez0 + z) >= r2 || neighbours.contain(box, i, x, y, z, nx, ny, nz))
						continue;
					painter.paint(ex0 + x, ey0 + y, ez0 + z, r2);
				}
		if (anyCapped) nearCapped(nx, ny, nz);
		for (int z = b.z0; z < b.z1; z++)
			for (int y = b.y0; y < b.y1; y++)
				for (int x = b.x0; x < b.x1; x++) {
					if (!mask.isPhase(x, y, z)) continue;
					final int i = x - ex0 + nx * (y - ey0 + ny * (z - ez0));
					if (anyCapped && box[i] < capRadius2) tally.addCapped();
					else tally.add(thickness[x - b.x0 + bx * (y - b.y0 + by * (z - b.z0))]);
				}
	}

	/**
	 * Sets the box to 0 at non-phase voxels and FAR at phase voxels.
	 *
	 * @return false when the block itself holds no phase voxel (nothing to do)
	 */
	private boolean fill(final Block b, final int ex0, final int ey0, final int ez0, final int nx, final int ny,
		final int nz)
	{
		boolean any = false;
		for (int z = 0, i = 0; z < nz; z++)
			for (int y = 0; y < ny; y++)
				for (int x = 0; x < nx; x++, i++) {
					final boolean phase = mask.isPhase(ex0 + x, ey0 + y, ez0 + z);
					box[i] = phase ? SquaredEdt.FAR : 0f;
					any |= phase && ex0 + x >= b.x0 && ex0 + x < b.x1 && ey0 + y >= b.y0 && ey0 + y < b.y1 && ez0 +
						z >= b.z0 && ez0 + z < b.z1;
				}
		return any;
	}

	/**
	 * The squared distance from each position along one axis of the box to the
	 * nearest voxel beyond a box face that lies inside the volume (infinite
	 * where neither face does: beyond the volume there is nothing to miss).
	 */
	private static void margins(final double[] margin, final boolean lowInside, final boolean highInside,
		final int n, final double h)
	{
		for (int i = 0; i < n; i++) {
			final double low = lowInside ? (i + 1) * h : Double.POSITIVE_INFINITY;
			final double high = highInside ? (n - i) * h : Double.POSITIVE_INFINITY;
			final double m = Math.min(low, high);
			margin[i] = m * m;
		}
	}

	/**
	 * Replaces the box's radii by the squared distance to the nearest centre
	 * whose ball was clamped to the cap, so that a voxel closer than cap/2 to one
	 * lies in a ball of diameter cap.
	 */
	private void nearCapped(final int nx, final int ny, final int nz) {
		final int n = nx * ny * nz;
		for (int i = 0; i < n; i++)
			box[i] = box[i] >= capRadius2 ? 0f : SquaredEdt.FAR;
		edt.transform(box, nx, ny, nz, hx, hy, hz);
	}
}
