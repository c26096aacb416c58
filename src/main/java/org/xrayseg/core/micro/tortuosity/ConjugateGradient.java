package org.xrayseg.core.micro.tortuosity;

import org.xrayseg.core.progress.ProgressListener;

/**
 * Conjugate gradients preconditioned by a multigrid V-cycle ({@link Multigrid})
 * on the percolating phase. Vectors are float, dot products double; the
 * residual is recomputed from the solution every {@value #REPLACE} iterations
 * so that float round-off in its recurrence cannot fake convergence. The
 * criterion is checked after every iteration (TauFactor checks every 100 of
 * its cheap ones); the solution of the previous check confirms tau.
 */
final class ConjugateGradient {

	private static final int REPLACE = 25;

	private ConjugateGradient() {}

	/** @return bytes per voxel of the finest level's vectors, the preconditioner's included */
	static double bytesPerVoxel() {
		return 5 * Float.BYTES + Multigrid.bytesPerVoxel();
	}

	/**
	 * Solves until {@code monitor} reports convergence or the iteration limit.
	 *
	 * @return the number of iterations (see {@link FluxMonitor#converged()} for the outcome)
	 */
	static int solve(final PhaseGrid grid, final FluxMonitor monitor, final Convergence convergence,
		final ProgressListener listener)
	{
		final int n = grid.cells(), nz = grid.nz;
		final Multigrid preconditioner = new Multigrid(grid);
		final float[] x = new float[n], r = new float[n], p = new float[n], q = new float[n];
		final float[] b = grid.rightHandSide();
		grid.linearProfile(x);
		final double bNorm = Math.sqrt(Slices.dot(b, b, nz));
		grid.residual(x, b, r);
		float[] z = preconditioner.apply(r);
		System.arraycopy(z, 0, p, 0, n);
		double rz = Slices.dot(r, z, nz);
		monitor.check(x, Math.sqrt(Slices.dot(r, r, nz)) / bNorm);
		for (int it = 1; it <= convergence.maxIterations(); it++) {
			listener.checkCancelled();
			final double pq = grid.applyDot(p, q);
			if (!(rz > 0 && pq > 0)) // x is exact in float: confirm it with a second check of the same field
				{
				monitor.check(x, Math.sqrt(Slices.dot(r, r, nz)) / bNorm);
				return it - 1;
			}
			final double alpha = rz / pq;
			double rr = step(x, r, p, q, (float) alpha, grid);
			if (it % REPLACE == 0) {
				grid.residual(x, b, r);
				rr = Slices.dot(r, r, nz);
			}
			if (monitor.check(x, Math.sqrt(rr) / bNorm)) return it;
			listener.update(monitor.status("multigrid CG", it), it, monitor.estimatedTotal(it));
			z = preconditioner.apply(r);
			final double rzNext = Slices.dot(r, z, nz);
			final float beta = (float) (rzNext / rz);
			rz = rzNext;
			final float[] zz = z;
			final int slice = n / nz;
			Slices.each(nz, s -> {
				for (int i = s * slice, end = i + slice; i < end; i++)
					p[i] = zz[i] + beta * p[i];
			});
		}
		return convergence.maxIterations();
	}

	/** {@code x += alpha p; r -= alpha q}; @return r . r */
	private static double step(final float[] x, final float[] r, final float[] p, final float[] q,
		final float alpha, final GridLevel grid)
	{
		final int slice = grid.nx * grid.ny;
		return Slices.sum(grid.nz, s -> {
			double rr = 0;
			for (int i = s * slice, end = i + slice; i < end; i++) {
				x[i] += alpha * p[i];
				r[i] -= alpha * q[i];
				rr += r[i] * (double) r[i];
			}
			return rr;
		});
	}
}
