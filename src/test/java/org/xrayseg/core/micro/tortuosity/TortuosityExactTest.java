package org.xrayseg.core.micro.tortuosity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.xrayseg.core.progress.ProgressListener;

/** Tortuosity factors known exactly: blocks, strips, staircases, by hand. */
class TortuosityExactTest {

	/** Tight enough that the answers below hold to 1e-4. */
	private static final Convergence TIGHT = Convergence.DEFAULT.tighter(100);

	private static TortuosityResult solve(final PhaseMask m, final int direction, final boolean periodic) {
		final TortuosityResult r = Tortuosity.compute(m, direction, periodic, TIGHT, ProgressListener.NONE);
		assertTrue(r.converged(), () -> "not converged: " + r);
		return r;
	}

	@Test
	void uniformBlockHasTauOneInEveryDirection() {
		final PhaseMask m = PhaseMask.of(Masks.of(9, 6, 5, (x, y, z) -> true), 9, 6, 5);
		for (int d = 0; d < 3; d++) {
			final TortuosityResult r = solve(m, d, false);
			assertEquals(1, r.tau(), 1e-4, "direction " + d);
			assertEquals(1, r.effectiveDiffusivity(), 1e-4);
			assertEquals(1, r.volumeFraction());
			assertEquals(1, r.percolatingFraction());
			assertEquals(d, r.direction());
		}
	}

	@Test
	void uniformBlockOfAnisotropicVoxelsStillHasTauOne() {
		final PhaseMask m = new PhaseMask(Masks.of(7, 8, 6, (x, y, z) -> true), 7, 8, 6, 0.5, 2, 3.5);
		for (int d = 0; d < 3; d++) {
			assertEquals(1, solve(m, d, false).tau(), 1e-4, "direction " + d);
			assertEquals(1, solve(m, d, true).tau(), 1e-4, "periodic, direction " + d);
		}
	}

	@Test
	void singleLayerBlockHasTauOne() {
		final PhaseMask m = PhaseMask.of(Masks.of(1, 4, 3, (x, y, z) -> true), 1, 4, 3);
		assertEquals(1, solve(m, 0, false).tau(), 1e-4);
	}

	@Test
	void quarterStripHasTauOneAlongAndInfinityAcross() {
		final int n = 8;
		final PhaseMask m = PhaseMask.of(Masks.of(n, n, n, (x, y, z) -> y < n / 2 && z < n / 2), n, n, n);
		final TortuosityResult along = solve(m, 0, false);
		assertEquals(0.25, along.volumeFraction());
		assertEquals(0.25, along.effectiveDiffusivity(), 1e-5);
		assertEquals(1, along.tau(), 1e-4);
		for (final int across : new int[] { 1, 2 }) {
			final TortuosityResult r = solve(m, across, false);
			assertEquals(Double.POSITIVE_INFINITY, r.tau());
			assertEquals(0, r.effectiveDiffusivity());
			assertEquals(0, r.percolatingFraction());
			assertEquals(0, r.iterations());
		}
	}

	/**
	 * A chain of 2k voxels per z with k + 1 links along x (the two half links
	 * to the faces included) and k - 1 along y, in series: resistance per z
	 * (k + 1) / g_x + (k - 1) / g_y with g_x = hy hz / hx, g_y = hx hz / hy;
	 * D_eff / D = flux * (k + 1) hx / (k hy * nz hz); volume fraction 2 / (k + 1).
	 */
	private static double staircaseTau(final int k, final double hx, final double hy, final double hz) {
		final double gx = hy * hz / hx, gy = hx * hz / hy;
		final double fluxPerZ = 1 / ((k + 1) / gx + (k - 1) / gy);
		final double diffusivity = fluxPerZ * (k + 1) * hx / (k * hy * hz);
		return 2.0 / (k + 1) / diffusivity;
	}

	@Test
	void slantedStaircaseMatchesTheSeriesResistance() {
		final int k = 7, nz = 3;
		final PhaseMask m = PhaseMask.of(Masks.staircase(k, nz), k + 1, k, nz);
		assertEquals(196 / 64.0, staircaseTau(k, 1, 1, 1), 1e-12); // 4 k^2 / (k + 1)^2
		final TortuosityResult r = solve(m, 0, false);
		assertEquals(196 / 64.0, r.tau(), 1e-4);
		assertEquals(2.0 / (k + 1), r.volumeFraction(), 1e-12);
		assertEquals(1, solve(m, 2, false).tau(), 1e-4, "straight columns along z");
	}

	@Test
	void anisotropicVoxelsChangeTheStaircaseAsDerived() {
		final int k = 7, nz = 3;
		final PhaseMask m = new PhaseMask(Masks.staircase(k, nz), k + 1, k, nz, 1, 2, 1);
		assertEquals(7, staircaseTau(k, 1, 2, 1), 1e-12); // 1 / 28 of D, a quarter of the volume
		assertEquals(7, solve(m, 0, false).tau(), 1e-4 * 7);
		final PhaseMask flat = new PhaseMask(Masks.staircase(k, nz), k + 1, k, nz, 1, 1, 5);
		assertEquals(196 / 64.0, solve(flat, 0, false).tau(), 1e-4, "hz does not matter: no flux along z");
	}

	/** Strip A at y = 0 for x <= 4, strip B at y = ny - 1 for x >= 4: they meet only through the y wrap. */
	@Test
	void periodicSideFacesJoinAStripAcrossTheWrap() {
		final int nx = 8, ny = 4, nz = 2;
		final PhaseMask m = PhaseMask.of(Masks.of(nx, ny, nz, (x, y, z) -> y == 0 && x <= 4 ||
			y == ny - 1 && x >= 4), nx, ny, nz);
		final TortuosityResult closed = solve(m, 0, false);
		assertEquals(Double.POSITIVE_INFINITY, closed.tau());
		assertEquals(0, closed.iterations());
		// a chain of nx - 1 x links, one y link and two half links: resistance nx + 1 per z
		final TortuosityResult open = solve(m, 0, true);
		assertEquals((nx + 1) * (nx + 1) / (double) (nx * nx), open.tau(), 1e-4);
		assertEquals(nx / ((nx + 1.0) * ny), open.effectiveDiffusivity(), 1e-5);
		assertEquals((nx + 1.0) / (nx * ny), open.percolatingFraction(), 1e-12);
	}
}
