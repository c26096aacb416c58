package org.xrayseg.core.micro.tortuosity;

/**
 * One level of the diffusion operator: a symmetric 7-point stencil on an
 * nx * ny * nz grid, {@code (A v)_i = diag_i v_i - sum_j g_ij v_j} over the
 * face neighbours j, where {@code diag_i} is the sum of the cell's link
 * conductances plus its conductance to the Dirichlet faces. A cell with
 * {@code diag = 0} is not part of the problem; its values stay 0. Axes that
 * wrap (periodic side faces) link the last cell to the first. Vectors are
 * float, indexed {@code x + nx * (y + ny * z)}; loops run over z slices on all
 * cores.
 */
abstract class GridLevel {

	final int nx, ny, nz;
	private final boolean[] wrap;

	GridLevel(final int nx, final int ny, final int nz, final boolean[] wrap) {
		this.nx = nx;
		this.ny = ny;
		this.nz = nz;
		this.wrap = wrap.clone();
	}

	/** @return the number of cells */
	final int cells() {
		return nx * ny * nz;
	}

	/** @return the size along {@code axis} */
	final int size(final int axis) {
		return axis == 0 ? nx : axis == 1 ? ny : nz;
	}

	/** @return whether {@code axis} wraps around (periodic) */
	final boolean wraps(final int axis) {
		return wrap[axis] && size(axis) > 1;
	}

	/** @return a copy of the wrap flags, for the next coarser level */
	final boolean[] wrapFlags() {
		return wrap.clone();
	}

	/** @return the diagonal of cell {@code i} (0 = not part of the problem) */
	abstract float diagonal(int i);

	/** @return 1 / the diagonal of cell {@code i}, 0 outside the problem */
	abstract float inverseDiagonal(int i);

	/** @return the conductance from cell {@code i} to its + neighbour along {@code axis} (0 = none) */
	abstract float link(int axis, int i);

	/** @return the conductance from cell {@code i} to the Dirichlet faces */
	abstract float boundary(int i);

	/**
	 * @return the sum over the neighbours j of g_ij v_j for cell {@code i} at
	 *         column {@code x}, given the row starts of its y and z neighbours
	 *         (-1 where there is none)
	 */
	abstract float neighbours(float[] v, int i, int x, int yp, int ym, int zp, int zm);

	/** @return the start of the row (y + dy, z + dz) with wrap, or -1 where it lies outside */
	final int row(final int y, final int z, final int dy, final int dz) {
		int ty = y + dy, tz = z + dz;
		if (ty < 0 || ty >= ny) {
			if (!wraps(1)) return -1;
			ty = Math.floorMod(ty, ny);
		}
		if (tz < 0 || tz >= nz) {
			if (!wraps(2)) return -1;
			tz = Math.floorMod(tz, nz);
		}
		return nx * (ty + ny * tz);
	}

	/** Computes {@code r = b - A x}. */
	final void residual(final float[] x, final float[] b, final float[] r) {
		Slices.each(nz, z -> {
			for (int y = 0; y < ny; y++) {
				final int base = nx * (y + ny * z);
				final int yp = row(y, z, 1, 0), ym = row(y, z, -1, 0), zp = row(y, z, 0, 1), zm = row(y, z, 0, -1);
				for (int c = 0; c < nx; c++) {
					final int i = base + c;
					final float d = diagonal(i);
					r[i] = d == 0 ? 0 : b[i] - d * x[i] + neighbours(x, i, c, yp, ym, zp, zm);
				}
			}
		});
	}

	/** Computes {@code q = A p} and returns p . q in double. */
	final double applyDot(final float[] p, final float[] q) {
		return Slices.sum(nz, z -> {
			double s = 0;
			for (int y = 0; y < ny; y++) {
				final int base = nx * (y + ny * z);
				final int yp = row(y, z, 1, 0), ym = row(y, z, -1, 0), zp = row(y, z, 0, 1), zm = row(y, z, 0, -1);
				for (int c = 0; c < nx; c++) {
					final int i = base + c;
					final float d = diagonal(i);
					final float v = d == 0 ? 0 : d * p[i] - neighbours(p, i, c, yp, ym, zp, zm);
					q[i] = v;
					s += v * (double) p[i];
				}
			}
			return s;
		});
	}

	/** One damped Jacobi sweep: {@code out = x + omega D^-1 (b - A x)}. */
	final void jacobi(final float[] x, final float[] b, final float[] out, final float omega) {
		Slices.each(nz, z -> {
			for (int y = 0; y < ny; y++) {
				final int base = nx * (y + ny * z);
				final int yp = row(y, z, 1, 0), ym = row(y, z, -1, 0), zp = row(y, z, 0, 1), zm = row(y, z, 0, -1);
				for (int c = 0; c < nx; c++) {
					final int i = base + c;
					final float inverse = inverseDiagonal(i);
					out[i] = inverse == 0 ? 0 : x[i] + omega * ((b[i] + neighbours(x, i, c, yp, ym, zp, zm)) * inverse -
						x[i]);
				}
			}
		});
	}

	/** The first damped Jacobi sweep from x = 0: {@code out = omega D^-1 b}. */
	final void scaledDiagonal(final float[] b, final float[] out, final float omega) {
		final int slice = nx * ny;
		Slices.each(nz, z -> {
			for (int i = z * slice, end = i + slice; i < end; i++)
				out[i] = omega * b[i] * inverseDiagonal(i);
		});
	}
}
