package org.xrayseg.core.micro.tortuosity;

import org.xrayseg.core.progress.ProgressListener;

/**
 * The baseline solver, as TauFactor solves: over-relaxed updates of the two
 * colours of a chequerboard in turn (so that no two neighbours change at once)
 * with TauFactor's factor omega = 2 - pi / (1.5 n_d), starting from the linear
 * profile. One iteration here updates both colours (TauFactor counts each
 * colour as one); the criterion is checked every {@value #CHECK} iterations,
 * i.e. every 100 of TauFactor's.
 */
final class OverRelaxedJacobi {

	private static final int CHECK = 50;

	private OverRelaxedJacobi() {}

	/** @return bytes per voxel of the vectors: solution, right-hand side, residual */
	static double bytesPerVoxel() {
		return 3 * Float.BYTES;
	}

	/**
	 * Solves until {@code monitor} reports convergence or the iteration limit.
	 *
	 * @return the number of iterations (see {@link FluxMonitor#converged()} for the outcome)
	 */
	static int solve(final PhaseGrid grid, final FluxMonitor monitor, final Convergence convergence,
		final ProgressListener listener)
	{
		final int n = grid.cells();
		final float[] c = new float[n], b = grid.rightHandSide(), r = new float[n];
		grid.linearProfile(c);
		final double bNorm = Math.sqrt(Slices.dot(b, b, grid.nz));
		final float omega = (float) (2 - Math.PI / (1.5 * grid.size(grid.direction)));
		grid.residual(c, b, r);
		monitor.check(c, Math.sqrt(Slices.dot(r, r, grid.nz)) / bNorm);
		for (int it = 1; it <= convergence.maxIterations(); it++) {
			grid.overRelax(c, b, 0, omega);
			grid.overRelax(c, b, 1, omega);
			if (it % CHECK == 0 || it == convergence.maxIterations()) {
				listener.checkCancelled();
				grid.residual(c, b, r);
				final double residual = Math.sqrt(Slices.dot(r, r, grid.nz)) / bNorm;
				if (monitor.check(c, residual)) return it;
				listener.update(monitor.status("over-relaxed Jacobi", it), it, monitor.estimatedTotal(it));
			}
		}
		return convergence.maxIterations();
	}
}
