package org.xrayseg.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Locale;

import org.xrayseg.core.micro.tortuosity.Convergence;
import org.xrayseg.core.micro.tortuosity.PhaseMask;
import org.xrayseg.core.micro.tortuosity.Tortuosity;
import org.xrayseg.core.micro.tortuosity.Tortuosity.Solver;
import org.xrayseg.core.micro.tortuosity.TortuosityResult;
import org.xrayseg.core.progress.ProgressListener;

/**
 * The tortuosity solver of "Analyze Microstructure" on a generated N^3
 * two-phase volume ({@link AnisotropicPhase}: 30%, percolating, anisotropic,
 * seeded). For each direction: tau with TauFactor's default criterion, tau
 * over-converged 100 times tighter, their relative difference (goal: below
 * 0.5%), iterations and seconds; the peak heap of the run. Then the baseline:
 * TauFactor's over-relaxed Jacobi against multigrid CG on a J^3 cube (along x,
 * default criterion), and 20 Jacobi sweeps of the stencil on an S^3 grid in
 * plain Java against PyTorch tensors through DJL.
 * <p>
 * Usage: TortuosityBench [N (500)] [J (min(N, 100))] [S (200)]. J is small by
 * default: the Jacobi baseline took 750 sweeps (5.5 s) at 100^3 and had not
 * converged after 10 minutes at 200^3 on 2 busy cores.
 */
public final class TortuosityBench {

	private static final long SEED = 24;
	/** The over-converged reference stops here at the latest (float vectors reach their precision) */
	private static final int TIGHT_LIMIT = 150;
	/** Prints every 10th iteration with the time since the start, to see a long solve advance. */
	private static final ProgressListener PRINT = new ProgressListener() {

		private final long start = System.nanoTime();

		@Override
		public void update(final String status, final long done, final long total) {
			if (done % 10 == 0) System.err.printf(Locale.ROOT, "  [%.0f s] %s%n", (System.nanoTime() - start) / 1e9,
				status);
		}
	};

	public static void main(final String[] args) {
		final int n = args.length > 0 ? Integer.parseInt(args[0]) : 500;
		final int jacobiSide = args.length > 1 ? Integer.parseInt(args[1]) : Math.min(n, 100);
		final int stencilSide = args.length > 2 ? Integer.parseInt(args[2]) : 200;
		System.out.printf(Locale.ROOT, "tortuosity, %d^3 voxels, %d cores, heap %.1f GB, sigma (x, y, z) = %s voxels%n",
			n, Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() / 1e9, java.util.Arrays
				.toString(AnisotropicPhase.SIGMA));
		long t0 = System.nanoTime();
		final PhaseMask volume = PhaseMask.of(AnisotropicPhase.generate(n, 0.3, SEED), n, n, n);
		System.out.printf(Locale.ROOT, "volume generated in %.1f s, phase %.4f, estimate of solver memory %.2f GB%n",
			(System.nanoTime() - t0) / 1e9, volume.volumeFraction(), Tortuosity.bytesNeeded(n, n, n) / 1e9);
		resetPeaks();
		System.out.println("dir  tau (default)  iter   seconds  tau (100x tighter)  iter   seconds  rel. diff"
			+ "  percolating  spread");
		for (int d = 0; d < 3; d++) {
			final TortuosityResult normal = Tortuosity.compute(volume, d, false, Convergence.DEFAULT, PRINT);
			final TortuosityResult tight = Tortuosity.compute(volume, d, false, Convergence.DEFAULT.tighter(100)
				.withMaxIterations(TIGHT_LIMIT), PRINT);
			System.out.printf(Locale.ROOT, "%s    %12.5f  %4d  %8.2f  %18.5f  %4d  %8.2f  %8.3f%%  %11.4f  %.2g%s%n",
				normal.axis(), normal.tau(), normal.iterations(), normal.seconds(), tight.tau(), tight.iterations(),
				tight.seconds(), 100 * Math.abs(normal.tau() - tight.tau()) / tight.tau(), normal.percolatingFraction(),
				normal.fluxSpread(), normal.converged() ? "" : "  NOT CONVERGED");
			if (!tight.converged()) System.out.printf(Locale.ROOT, "     (the reference stopped at %d iterations, " +
				"flux spread %.2g: float vectors)%n", tight.iterations(), tight.fluxSpread());
		}
		System.out.printf(Locale.ROOT, "peak heap during the solves: %.2f GB (mask %.2f GB included)%n", peakHeap() /
			1e9, n * (double) n * n / 1e9);
		jacobiBaseline(jacobiSide);
		stencilEngines(stencilSide);
	}

	/** TauFactor's solver against multigrid CG, same cube, same criterion. */
	private static void jacobiBaseline(final int side) {
		final PhaseMask cube = PhaseMask.of(AnisotropicPhase.generate(side, 0.3, SEED), side, side, side);
		final TortuosityResult cg = Tortuosity.compute(cube, 0, false, Convergence.DEFAULT, ProgressListener.NONE);
		final TortuosityResult jacobi = Tortuosity.compute(cube, 0, false, Convergence.DEFAULT,
			Solver.OVER_RELAXED_JACOBI, ProgressListener.NONE);
		System.out.printf(Locale.ROOT, "baseline on %d^3 along x, default criterion: over-relaxed Jacobi tau %.5f, "
			+ "%d sweeps (%d TauFactor iterations), %.2f s%s; multigrid CG tau %.5f, %d iterations, %.2f s: %.1f "
			+ "times faster%n", side, jacobi.tau(), jacobi.iterations(), 2 * jacobi.iterations(), jacobi.seconds(),
			jacobi.converged() ? "" : " (NOT CONVERGED)", cg.tau(), cg.iterations(), cg.seconds(), jacobi.seconds() /
				cg.seconds());
	}

	/** 20 stencil sweeps in Java and on PyTorch tensors. */
	private static void stencilEngines(final int side) {
		final byte[] mask = AnisotropicPhase.generate(side, 0.3, SEED);
		final double java = StencilTiming.java(mask, side, 20);
		final double tensors = StencilTiming.tensors(mask, side, 20);
		System.out.printf(Locale.ROOT, "20 Jacobi sweeps of the 7-point stencil on %d^3 floats: plain Java %.3f s, "
			+ "DJL/PyTorch CPU tensors %.3f s (Java %.2f times as fast)%n", side, java, tensors, tensors / java);
	}

	private static void resetPeaks() {
		System.gc();
		for (final MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans())
			pool.resetPeakUsage();
	}

	/** @return the sum of the heap pools' peak use since {@link #resetPeaks()} (an upper bound of the peak) */
	private static long peakHeap() {
		long sum = 0;
		for (final MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans())
			if (pool.getType() == MemoryType.HEAP) sum += pool.getPeakUsage().getUsed();
		return sum;
	}
}
