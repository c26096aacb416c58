package org.xrayseg.core.micro.tortuosity;

import java.util.Locale;

import org.xrayseg.core.error.InvalidInputException;
import org.xrayseg.core.progress.ProgressListener;

/**
 * The tortuosity factor of a phase, as TauFactor defines it: steady diffusion
 * (Laplace's equation) in the phase, c = 1 on the face before the first layer
 * and c = 0 on the face after the last layer along the direction, no flux
 * through the four side faces (or periodic side faces). The link conductance
 * between face-adjacent phase voxels along axis a is (face area) / h_a, and the
 * Dirichlet faces lie half a voxel from the first and last voxel centres.
 * D_eff / D = (total flux * L) / (A_cross * delta c) and tau = volume fraction
 * / (D_eff / D), i.e. D_eff = D * volume fraction / tau.
 * <p>
 * Only the part of the phase that percolates in the direction is solved (dead
 * ends and isolated clusters carry no flux); a phase with no such part has
 * tau = infinity and D_eff = 0, found by the connectivity check alone.
 */
public final class Tortuosity {

	/** The linear solver. */
	public enum Solver {
		/** Conjugate gradients preconditioned by an aggregation multigrid V-cycle: the default. */
		MULTIGRID_CG,
		/** TauFactor's over-relaxed chequerboard Jacobi: the baseline, orders of magnitude slower. */
		OVER_RELAXED_JACOBI
	}

	private static final String REGION = "choose a smaller region= (x0,y0,z0,x1,y1,z1), or tortuosity=false";

	private Tortuosity() {}

	/** @return {@link #compute(PhaseMask, int, boolean, Convergence, Solver, ProgressListener)} with multigrid CG */
	public static TortuosityResult compute(final PhaseMask mask, final int direction, final boolean periodic,
		final Convergence convergence, final ProgressListener listener)
	{
		return compute(mask, direction, periodic, convergence, Solver.MULTIGRID_CG, listener);
	}

	/**
	 * @param mask the phase and the voxel sizes
	 * @param direction 0 = x, 1 = y, 2 = z
	 * @param periodic periodic side faces instead of no-flux side faces
	 * @param convergence when to stop
	 * @param solver which linear solver
	 * @param listener progress (per iteration) and Cancel
	 * @return the tortuosity factor; {@code converged} is false where the iteration limit stopped the solver
	 * @throws InvalidInputException where the region needs more memory than is free
	 * @throws org.xrayseg.core.error.CancelledException where the listener cancels
	 */
	public static TortuosityResult compute(final PhaseMask mask, final int direction, final boolean periodic,
		final Convergence convergence, final Solver solver, final ProgressListener listener)
	{
		if (direction < 0 || direction > 2) throw new IllegalArgumentException("direction must be 0, 1 or 2: " +
			direction);
		final long t0 = System.nanoTime();
		checkMemory(mask.nx(), mask.ny(), mask.nz(), freeHeap());
		final double volumeFraction = mask.volumeFraction();
		listener.update("tortuosity along " + "xyz".charAt(direction) + ": connectivity", 0, 1);
		final byte[] label = Percolation.label(mask, direction, periodic, listener);
		final long percolating = Percolation.count(label);
		final double percolatingFraction = percolating / (double) mask.voxels();
		if (percolating == 0) return new TortuosityResult(direction, volumeFraction, 0, 0,
			Double.POSITIVE_INFINITY, 0, 0, true, (System.nanoTime() - t0) / 1e9);
		final PhaseGrid grid = new PhaseGrid(mask, direction, periodic, label);
		final FluxMonitor monitor = new FluxMonitor(grid, mask, convergence, volumeFraction);
		final int iterations = solver == Solver.MULTIGRID_CG ? ConjugateGradient.solve(grid, monitor, convergence,
			listener) : OverRelaxedJacobi.solve(grid, monitor, convergence, listener);
		return new TortuosityResult(direction, volumeFraction, percolatingFraction, monitor.diffusivity(),
			monitor.tau(), iterations, monitor.spread(), monitor.converged(), (System.nanoTime() - t0) / 1e9);
	}

	/**
	 * @return bytes the default solver allocates for a region of nx * ny * nz
	 *         voxels (the caller's mask not counted): a byte of flags and the
	 *         solver's float vectors per voxel, the coarse levels included
	 */
	public static long bytesNeeded(final int nx, final int ny, final int nz) {
		final double perVoxel = 1 + ConjugateGradient.bytesPerVoxel();
		return (long) Math.ceil(perVoxel * nx * (double) ny * nz) + 8L * (Math.max(nx, Math.max(ny, nz)) + 1) * nz;
	}

	/** @return the heap the JVM can still allocate: max - total + free */
	public static long freeHeap() {
		final Runtime rt = Runtime.getRuntime();
		return rt.maxMemory() - rt.totalMemory() + rt.freeMemory();
	}

	/**
	 * Refuses regions that do not fit in memory or in one Java array.
	 *
	 * @param free bytes free, {@link #freeHeap()} as a rule
	 * @throws InvalidInputException with one line naming {@code region=}
	 */
	public static void checkMemory(final int nx, final int ny, final int nz, final long free) {
		final long voxels = (long) nx * ny * nz;
		final long need = bytesNeeded(nx, ny, nz);
		if (voxels <= Integer.MAX_VALUE && need <= free) return;
		throw new InvalidInputException(String.format(Locale.ROOT, "tortuosity of %d x %d x %d voxels needs %.1f GB, "
			+ "%.1f GB is free%s: %s", nx, ny, nz, need / 1e9, free / 1e9, voxels > Integer.MAX_VALUE ?
				" (and one Java array holds at most " + Integer.MAX_VALUE + " voxels)" : "", REGION));
	}
}
