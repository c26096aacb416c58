package org.xrayseg.core.micro.tortuosity;

/**
 * The finest level of the diffusion problem: the percolating part of a phase,
 * one byte of neighbour flags per voxel instead of float conductances. Bit
 * {@code 2a} says the voxel links to its + neighbour along axis a, bit
 * {@code 2a + 1} to its - neighbour (both possibly through a periodic wrap),
 * bit 6 that it touches the inlet face (c = 1), bit 7 the outlet face (c = 0).
 * Flags 0 mark voxels outside the problem.
 * <p>
 * The conductance of a link along axis a is (face area) / h_a, that to a
 * Dirichlet face twice as large (half a voxel away); all are divided by the
 * largest link conductance {@link #scale} so that the floats stay near 1.
 */
final class PhaseGrid extends GridLevel {

	private static final int IN = 64, OUT = 128;

	final int direction;
	/** Physical link conductance = stored conductance * scale. */
	final double scale;
	private final byte[] flags;
	private final float gx, gy, gz, gd;
	private final float[] diagonalOf = new float[256], inverseOf = new float[256];
	private final int strideD;

	/**
	 * @param label {@link Percolation#label}; overwritten with the flags
	 */
	PhaseGrid(final PhaseMask m, final int direction, final boolean periodic, final byte[] label) {
		super(m.nx(), m.ny(), m.nz(), new boolean[] { periodic && direction != 0, periodic && direction != 1,
			periodic && direction != 2 });
		this.direction = direction;
		final double[] g = { m.hy() * m.hz() / m.hx(), m.hx() * m.hz() / m.hy(), m.hx() * m.hy() / m.hz() };
		scale = Math.max(g[0], Math.max(g[1], g[2]));
		gx = (float) (g[0] / scale);
		gy = (float) (g[1] / scale);
		gz = (float) (g[2] / scale);
		gd = (float) (g[direction] / scale);
		strideD = direction == 0 ? 1 : direction == 1 ? nx : nx * ny;
		for (int f = 0; f < 256; f++)
			diagonalOf[f] = f == 0 ? 0 : Integer.bitCount(f & 3) * gx + Integer.bitCount(f & 12) * gy +
				Integer.bitCount(f & 48) * gz + Integer.bitCount(f & (IN | OUT)) * 2 * gd;
		for (int f = 1; f < 256; f++)
			inverseOf[f] = 1 / diagonalOf[f];
		flags = label;
		for (int i = 0; i < flags.length; i++)
			flags[i] = flags[i] == Percolation.BOTH ? (byte) 1 : 0;
		// in place: a neighbour's byte stays nonzero exactly when it is in the problem
		Slices.each(nz, this::setFlags);
	}

	private void setFlags(final int z) {
		final int nd = size(direction);
		for (int y = 0; y < ny; y++) {
			final int base = nx * (y + ny * z);
			final int yp = row(y, z, 1, 0), ym = row(y, z, -1, 0), zp = row(y, z, 0, 1), zm = row(y, z, 0, -1);
			for (int x = 0; x < nx; x++) {
				final int i = base + x;
				if (flags[i] == 0) continue;
				int f = 0;
				if (nx > 1 && (x + 1 < nx || wraps(0)) && flags[x + 1 < nx ? i + 1 : i + 1 - nx] != 0) f |= 1;
				if (nx > 1 && (x > 0 || wraps(0)) && flags[x > 0 ? i - 1 : i + nx - 1] != 0) f |= 2;
				if (yp >= 0 && flags[yp + x] != 0) f |= 4;
				if (ym >= 0 && flags[ym + x] != 0) f |= 8;
				if (zp >= 0 && flags[zp + x] != 0) f |= 16;
				if (zm >= 0 && flags[zm + x] != 0) f |= 32;
				final int layer = direction == 0 ? x : direction == 1 ? y : z;
				if (layer == 0) f |= IN;
				if (layer == nd - 1) f |= OUT;
				flags[i] = (byte) f;
			}
		}
	}

	@Override
	float diagonal(final int i) {
		return diagonalOf[flags[i] & 0xff];
	}

	@Override
	float inverseDiagonal(final int i) {
		return inverseOf[flags[i] & 0xff];
	}

	@Override
	float link(final int axis, final int i) {
		final int f = flags[i];
		return axis == 0 ? (f & 1) != 0 ? gx : 0 : axis == 1 ? (f & 4) != 0 ? gy : 0 : (f & 16) != 0 ? gz : 0;
	}

	@Override
	float boundary(final int i) {
		return Integer.bitCount(flags[i] & (IN | OUT)) * 2 * gd;
	}

	@Override
	float neighbours(final float[] v, final int i, final int x, final int yp, final int ym, final int zp,
		final int zm)
	{
		final int f = flags[i];
		float s = 0;
		if ((f & 1) != 0) s += gx * v[x + 1 < nx ? i + 1 : i + 1 - nx];
		if ((f & 2) != 0) s += gx * v[x > 0 ? i - 1 : i + nx - 1];
		if ((f & 4) != 0) s += gy * v[yp + x];
		if ((f & 8) != 0) s += gy * v[ym + x];
		if ((f & 16) != 0) s += gz * v[zp + x];
		if ((f & 32) != 0) s += gz * v[zm + x];
		return s;
	}

	/** @return the right-hand side: the inlet's conductance times c = 1 */
	float[] rightHandSide() {
		final float[] b = new float[cells()];
		for (int i = 0; i < b.length; i++)
			if ((flags[i] & IN) != 0) b[i] = 2 * gd;
		return b;
	}

	/** Sets {@code c} to the linear profile from 1 at the inlet to 0 at the outlet, 0 outside the problem. */
	void linearProfile(final float[] c) {
		final int nd = size(direction);
		Slices.each(nz, z -> {
			for (int y = 0; y < ny; y++)
				for (int x = 0; x < nx; x++) {
					final int i = x + nx * (y + ny * z);
					final int layer = direction == 0 ? x : direction == 1 ? y : z;
					c[i] = flags[i] == 0 ? 0 : (float) (1 - (layer + 0.5) / nd);
				}
		});
	}

	/**
	 * @return the flux (stored units) through each of the {@code n_d + 1} faces
	 *         perpendicular to the direction: face 0 is the inlet, face n_d the outlet
	 */
	double[] layerFluxes(final float[] c) {
		final int nd = size(direction);
		final double[][] perSlice = new double[nz][];
		Slices.each(nz, z -> {
			final double[] f = new double[nd + 1];
			for (int y = 0; y < ny; y++)
				for (int x = 0; x < nx; x++) {
					final int i = x + nx * (y + ny * z);
					final int fl = flags[i];
					if (fl == 0) continue;
					final int layer = direction == 0 ? x : direction == 1 ? y : z;
					if ((fl & IN) != 0) f[0] += 2 * gd * (1.0 - c[i]);
					if ((fl & OUT) != 0) f[nd] += 2 * gd * (double) c[i];
					if (layer + 1 < nd && (fl & (1 << 2 * direction)) != 0)
						f[layer + 1] += gd * ((double) c[i] - c[i + strideD]);
				}
			perSlice[z] = f;
		});
		final double[] total = new double[nd + 1];
		for (final double[] f : perSlice)
			for (int k = 0; k <= nd; k++)
				total[k] += f[k];
		return total;
	}

	/**
	 * Updates {@code c} in place, over-relaxed, on the cells of one chequerboard
	 * colour ((x + y + z) % 2). Where a periodic axis has an odd size, the wrap
	 * links two cells of one colour; slices then may read a neighbour another
	 * thread is updating, which changes the path, not the fixed point.
	 */
	void overRelax(final float[] c, final float[] b, final int colour, final float omega) {
		Slices.each(nz, z -> {
			for (int y = 0; y < ny; y++) {
				final int base = nx * (y + ny * z);
				final int yp = row(y, z, 1, 0), ym = row(y, z, -1, 0), zp = row(y, z, 0, 1), zm = row(y, z, 0, -1);
				for (int x = (colour + y + z) & 1; x < nx; x += 2) {
					final int i = base + x;
					final float inverse = inverseOf[flags[i] & 0xff];
					if (inverse != 0) c[i] += omega * ((b[i] + neighbours(c, i, x, yp, ym, zp, zm)) * inverse - c[i]);
				}
			}
		});
	}
}
