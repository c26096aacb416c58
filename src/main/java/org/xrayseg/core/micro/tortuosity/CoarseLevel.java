package org.xrayseg.core.micro.tortuosity;

/**
 * A coarser level of the diffusion operator, built by 2 x 2 x 2 aggregation:
 * the Galerkin operator P^T A P of piecewise-constant prolongation P. On this
 * structured grid it is again a 7-point stencil: the conductance between two
 * blocks is the sum of the fine links crossing between them, links inside a
 * block drop out, and the Dirichlet conductances of a block's cells add up.
 * Conductances are stored as floats, one per axis (to the + neighbour), with
 * the Dirichlet conductance, the diagonal and its inverse.
 */
final class CoarseLevel extends GridLevel {

	private final float[] cx, cy, cz, bnd, diag, inverse;

	private CoarseLevel(final GridLevel fine) {
		super((fine.nx + 1) / 2, (fine.ny + 1) / 2, (fine.nz + 1) / 2, fine.wrapFlags());
		final int n = cells();
		cx = new float[n];
		cy = new float[n];
		cz = new float[n];
		bnd = new float[n];
		diag = new float[n];
		inverse = new float[n];
		Slices.each(nz, z -> aggregate(fine, z));
		Slices.each(nz, this::diagonals);
	}

	/** @return the aggregation of {@code fine} */
	static CoarseLevel of(final GridLevel fine) {
		return new CoarseLevel(fine);
	}

	/** @return whether aggregating {@code level} would shrink it */
	static boolean canCoarsen(final GridLevel level) {
		return level.nx > 1 || level.ny > 1 || level.nz > 1;
	}

	/** Adds the fine cells of coarse slice {@code cz} (fine slices 2cz, 2cz + 1) into their blocks. */
	private void aggregate(final GridLevel fine, final int cZ) {
		final int fnx = fine.nx, fny = fine.ny, fnz = fine.nz;
		for (int z = 2 * cZ; z < Math.min(2 * cZ + 2, fnz); z++)
			for (int y = 0; y < fny; y++)
				for (int x = 0; x < fnx; x++) {
					final int i = x + fnx * (y + fny * z);
					if (fine.diagonal(i) == 0) continue;
					final int block = (x >> 1) + nx * ((y >> 1) + ny * (z >> 1));
					bnd[block] += fine.boundary(i);
					// a link leaving the block goes to the + neighbour block (with wrap) on this level
					if (crosses(x, fnx)) cx[block] += fine.link(0, i);
					if (crosses(y, fny)) cy[block] += fine.link(1, i);
					if (crosses(z, fnz)) cz[block] += fine.link(2, i);
				}
	}

	/** @return whether the link from fine cell c to c + 1 (mod n) joins two different blocks */
	private static boolean crosses(final int c, final int n) {
		return (c >> 1) != (((c + 1) % n) >> 1);
	}

	private void diagonals(final int z) {
		for (int y = 0; y < ny; y++) {
			final int base = nx * (y + ny * z);
			final int ym = row(y, z, -1, 0), zm = row(y, z, 0, -1);
			for (int x = 0; x < nx; x++) {
				final int i = base + x;
				float d = bnd[i] + cx[i] + cy[i] + cz[i];
				if (x > 0) d += cx[i - 1];
				else if (wraps(0)) d += cx[i + nx - 1];
				if (ym >= 0) d += cy[ym + x];
				if (zm >= 0) d += cz[zm + x];
				diag[i] = d;
				inverse[i] = d == 0 ? 0 : 1 / d;
			}
		}
	}

	@Override
	float diagonal(final int i) {
		return diag[i];
	}

	@Override
	float inverseDiagonal(final int i) {
		return inverse[i];
	}

	@Override
	float link(final int axis, final int i) {
		return axis == 0 ? cx[i] : axis == 1 ? cy[i] : cz[i];
	}

	@Override
	float boundary(final int i) {
		return bnd[i];
	}

	@Override
	float neighbours(final float[] v, final int i, final int x, final int yp, final int ym, final int zp,
		final int zm)
	{
		float s = 0;
		if (x + 1 < nx) s += cx[i] * v[i + 1];
		else if (wraps(0)) s += cx[i] * v[i + 1 - nx];
		if (x > 0) s += cx[i - 1] * v[i - 1];
		else if (wraps(0)) s += cx[i + nx - 1] * v[i + nx - 1];
		if (yp >= 0) s += cy[i] * v[yp + x];
		if (ym >= 0) s += cy[ym + x] * v[ym + x];
		if (zp >= 0) s += cz[i] * v[zp + x];
		if (zm >= 0) s += cz[zm + x] * v[zm + x];
		return s;
	}
}
