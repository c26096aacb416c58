package org.xrayseg.core.micro.tortuosity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.xrayseg.core.error.CancelledException;
import org.xrayseg.core.error.InvalidInputException;
import org.xrayseg.core.micro.tortuosity.Tortuosity.Solver;
import org.xrayseg.core.progress.ProgressListener;

/** The solvers on random structures, dead ends, Cancel and the memory check. */
class TortuositySolverTest {

	private static final int N = 24;
	private static final PhaseMask BLOBS = PhaseMask.of(Masks.blobs(N, 0.45, 7), N, N, N);

	@Test
	void multigridConjugateGradientsAndJacobiAgree() {
		final Convergence tight = Convergence.DEFAULT.tighter(10);
		for (int d = 0; d < 3; d++) {
			final TortuosityResult cg = Tortuosity.compute(BLOBS, d, false, tight, ProgressListener.NONE);
			final TortuosityResult jacobi = Tortuosity.compute(BLOBS, d, false, tight, Solver.OVER_RELAXED_JACOBI,
				ProgressListener.NONE);
			assertTrue(cg.converged() && jacobi.converged(), cg + " " + jacobi);
			assertTrue(cg.tau() > 1.2 && cg.tau() < 10, "a tortuous phase: " + cg);
			assertEquals(jacobi.tau(), cg.tau(), 2e-3 * cg.tau(), "direction " + d);
			assertEquals(cg.percolatingFraction(), jacobi.percolatingFraction());
			assertTrue(cg.iterations() * 10 < jacobi.iterations(), cg.iterations() + " vs " + jacobi.iterations());
		}
	}

	@Test
	void defaultCriterionIsWithinHalfAPercentOfTheOverConvergedTau() {
		for (int d = 0; d < 3; d++) {
			final TortuosityResult normal = Tortuosity.compute(BLOBS, d, true, Convergence.DEFAULT,
				ProgressListener.NONE);
			final TortuosityResult over = Tortuosity.compute(BLOBS, d, true, Convergence.DEFAULT.tighter(100),
				ProgressListener.NONE);
			assertTrue(normal.converged() && over.converged(), normal + " " + over);
			assertTrue(normal.fluxSpread() < 0.01 && over.fluxSpread() < 1e-4, normal + " " + over);
			assertEquals(over.tau(), normal.tau(), 5e-3 * over.tau(), "direction " + d);
		}
	}

	@Test
	void deadEndPoreCarriesNoFluxAndIsFoundAtOnce() {
		final int n = 16;
		// open to the inlet face x = 0, closed one voxel before the outlet face
		final PhaseMask pore = PhaseMask.of(Masks.of(n, n, n, (x, y, z) -> x < n - 1 && y >= 6 && y < 10 &&
			z >= 6 && z < 10), n, n, n);
		final TortuosityResult r = Tortuosity.compute(pore, 0, false, Convergence.DEFAULT, ProgressListener.NONE);
		assertEquals(Double.POSITIVE_INFINITY, r.tau());
		assertEquals(0, r.effectiveDiffusivity());
		assertEquals(0, r.iterations());
		assertEquals((n - 1) * 16 / (double) (n * n * n), r.volumeFraction());
		assertTrue(r.seconds() < 0.5, r.seconds() + " s");
	}

	@Test
	void deadEndBranchesAndIsolatedClustersDoNotChangeTheFlux() {
		final int n = 12;
		// a quarter strip along x, a branch off it that ends inside, and a cluster apart
		final PhaseMask m = PhaseMask.of(Masks.of(n, n, n, (x, y, z) -> y < 6 && z < 6 || x == 5 && z < 6 && y < 10 ||
			x >= 8 && x < 10 && y >= 8 && z >= 8), n, n, n);
		final TortuosityResult r = Tortuosity.compute(m, 0, false, Convergence.DEFAULT.tighter(100),
			ProgressListener.NONE);
		// the branch reaches both faces through the strip: it stays in the problem and carries no flux
		assertEquals((36 * 12 + 4 * 6) / 1728.0, r.percolatingFraction(), 1e-12);
		assertEquals((36 * 12 + 4 * 6 + 2 * 4 * 4) / 1728.0, r.volumeFraction(), 1e-12);
		assertEquals(0.25, r.effectiveDiffusivity(), 1e-5);
		assertEquals(r.volumeFraction() / 0.25, r.tau(), 1e-4);
	}

	@Test
	void nonPercolatingPhaseHasInfiniteTauOnlyAcrossItsWall() {
		final int n = 10;
		final PhaseMask walled = PhaseMask.of(Masks.of(n, n, n, (x, y, z) -> x != 4), n, n, n);
		final TortuosityResult across = Tortuosity.compute(walled, 0, false, Convergence.DEFAULT,
			ProgressListener.NONE);
		assertEquals(Double.POSITIVE_INFINITY, across.tau());
		assertEquals(0, across.percolatingFraction());
		final TortuosityResult along = Tortuosity.compute(walled, 1, false, Convergence.DEFAULT.tighter(100),
			ProgressListener.NONE);
		assertEquals(0.9, along.volumeFraction(), 1e-12);
		assertEquals(0.9, along.effectiveDiffusivity(), 1e-5);
		assertEquals(1, along.tau(), 1e-4);
	}

	@Test
	void cancelThrowsCancelledException() {
		final AtomicInteger updates = new AtomicInteger();
		final ProgressListener cancelAfterTwo = new ProgressListener() {

			@Override
			public void update(final String status, final long done, final long total) {
				updates.incrementAndGet();
			}

			@Override
			public boolean isCancelled() {
				return updates.get() >= 2;
			}
		};
		for (final Solver solver : Solver.values()) {
			updates.set(0);
			assertThrows(CancelledException.class, () -> Tortuosity.compute(BLOBS, 0, false, Convergence.DEFAULT
				.tighter(1000), solver, cancelAfterTwo));
			assertEquals(2, updates.get(), solver.name());
		}
	}

	@Test
	void regionsTooLargeForTheHeapAreRefusedWithOneLine() {
		final InvalidInputException e = assertThrows(InvalidInputException.class, () -> Tortuosity.checkMemory(1000,
			1000, 1000, 6_100_000_000L));
		assertEquals("tortuosity of 1000 x 1000 x 1000 voxels needs 34.2 GB, 6.1 GB is free: choose a smaller " +
			"region= (x0,y0,z0,x1,y1,z1), or tortuosity=false", e.getMessage());
		final InvalidInputException big = assertThrows(InvalidInputException.class, () -> Tortuosity.checkMemory(
			2048, 2048, 2000, 400_000_000_000L));
		assertEquals("tortuosity of 2048 x 2048 x 2000 voxels needs 286.4 GB, 400.0 GB is free (and one " +
			"Java array holds at most 2147483647 voxels): choose a smaller region= (x0,y0,z0,x1,y1,z1), or tortuosity=false", big
				.getMessage());
		// per voxel: a byte of flags, five CG vectors, two V-cycle vectors, under 36/7 bytes of coarse levels
		assertEquals(34_142_858L + 8 * 101 * 100, Tortuosity.bytesNeeded(100, 100, 100));
		Tortuosity.checkMemory(100, 100, 100, 34_142_858L + 8 * 101 * 100);
	}
}
