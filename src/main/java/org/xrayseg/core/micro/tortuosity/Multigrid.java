package org.xrayseg.core.micro.tortuosity;

import java.util.ArrayList;
import java.util.List;

/**
 * A symmetric multigrid V-cycle, the preconditioner M of conjugate gradients:
 * levels by 2 x 2 x 2 aggregation ({@link CoarseLevel}) down to one cell, the
 * same number of damped Jacobi sweeps before and after each coarse-grid
 * correction (scaled by {@link #ALPHA}), and many sweeps on the small
 * coarsest levels. Every step starts from zero and is the same linear map
 * each time, so M is symmetric positive definite, as conjugate gradients
 * requires.
 */
final class Multigrid {

	/** Jacobi damping: below 1 so that each sweep smooths and stays a contraction. */
	private static final float OMEGA = 0.8f;
	/** Sweeps before and after the coarse-grid correction. */
	private static final int SWEEPS = 1;
	/**
	 * Over-correction: piecewise-constant prolongation underestimates smooth
	 * errors, and scaling the coarse correction (a constant below 2 keeps M
	 * symmetric positive definite) saved a quarter of the iterations on the
	 * benchmark volume at 100^3 (92 -> 65 along x at 100 times TauFactor's
	 * criterion; 1.5 gave 74, 1.8 gave 68).
	 */
	private static final float ALPHA = 1.6f;
	/** Levels at most this many cells get this many sweeps: they cost nothing. */
	private static final int SMALL = 4096, SMALL_SWEEPS = 8;

	private final List<GridLevel> levels = new ArrayList<>();
	/** Per level: x (the correction), b (the right-hand side), t (scratch). */
	private final List<float[]> x = new ArrayList<>(), b = new ArrayList<>(), t = new ArrayList<>();

	Multigrid(final PhaseGrid fine) {
		GridLevel level = fine;
		levels.add(level);
		x.add(new float[level.cells()]);
		b.add(null);
		t.add(new float[level.cells()]);
		while (CoarseLevel.canCoarsen(level)) {
			level = CoarseLevel.of(level);
			levels.add(level);
			x.add(new float[level.cells()]);
			b.add(new float[level.cells()]);
			t.add(new float[level.cells()]);
		}
	}

	/** @return bytes of the coarse levels and the finest level's two work vectors, per fine voxel, bounded above */
	static double bytesPerVoxel() {
		// fine: x, t (8); coarse (1/8 + 1/64 + ... < 1/7 of the cells): 6 stencil + 3 vector floats (36)
		return 8 + 36.0 / 7;
	}

	/** @return the number of levels */
	int depth() {
		return levels.size();
	}

	/**
	 * @param r the residual on the finest level (not changed)
	 * @return M r, in an array this object owns (valid until the next call)
	 */
	float[] apply(final float[] r) {
		return cycle(0, r);
	}

	private float[] cycle(final int l, final float[] rhs) {
		final GridLevel level = levels.get(l);
		final int sweeps = level.cells() <= SMALL ? SMALL_SWEEPS : SWEEPS;
		float[] xl = x.get(l), tl = t.get(l);
		level.scaledDiagonal(rhs, xl, OMEGA);
		for (int s = 1; s < sweeps; s++) {
			level.jacobi(xl, rhs, tl, OMEGA);
			final float[] swap = xl;
			xl = tl;
			tl = swap;
		}
		if (l + 1 < levels.size()) {
			level.residual(xl, rhs, tl);
			final GridLevel coarse = levels.get(l + 1);
			final float[] bc = b.get(l + 1);
			restrict(level, tl, coarse, bc);
			prolongAdd(coarse, cycle(l + 1, bc), level, xl, ALPHA);
		}
		for (int s = 0; s < sweeps; s++) {
			level.jacobi(xl, rhs, tl, OMEGA);
			final float[] swap = xl;
			xl = tl;
			tl = swap;
		}
		x.set(l, xl);
		t.set(l, tl);
		return xl;
	}

	/** {@code coarse = P^T fine}: each block's sum. */
	private static void restrict(final GridLevel f, final float[] fine, final GridLevel c, final float[] coarse) {
		Slices.each(c.nz, cz -> {
			final int slice = c.nx * c.ny;
			java.util.Arrays.fill(coarse, cz * slice, (cz + 1) * slice, 0f);
			for (int z = 2 * cz; z < Math.min(2 * cz + 2, f.nz); z++)
				for (int y = 0; y < f.ny; y++) {
					final int fb = f.nx * (y + f.ny * z), cb = c.nx * ((y >> 1) + c.ny * cz);
					for (int x = 0; x < f.nx; x++)
						coarse[cb + (x >> 1)] += fine[fb + x];
				}
		});
	}

	/** {@code fine += alpha P coarse} on the cells of the problem. */
	private static void prolongAdd(final GridLevel c, final float[] coarse, final GridLevel f, final float[] fine,
		final float alpha)
	{
		Slices.each(f.nz, z -> {
			for (int y = 0; y < f.ny; y++) {
				final int fb = f.nx * (y + f.ny * z), cb = c.nx * ((y >> 1) + c.ny * (z >> 1));
				for (int x = 0; x < f.nx; x++)
					if (f.diagonal(fb + x) != 0) fine[fb + x] += alpha * coarse[cb + (x >> 1)];
			}
		});
	}
}
