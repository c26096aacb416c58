package org.xrayseg.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.xrayseg.core.data.GreyFeatures;

/** The correction of the quality estimate by samples of simulated scan changes. */
class ShiftResponseTest {

	private static final GreyFeatures REFERENCE = new GreyFeatures(0, 0.5, 1, 0.01);
	private static final float[] Q = { 0, 0.5f, 1 };

	/**
	 * Ten samples as the slices were (gap -0.001) and ten after a change of
	 * contrast that the network got wrong (spread ratio ln 0.5, gap -0.6 for
	 * phase 1, -0.05 for phase 0): a slice like either gets that one's gap.
	 */
	@Test
	void aSliceGetsTheGapOfTheSamplesLikeIt() {
		final double[][] f = new double[20][];
		final double[][] g = new double[20][];
		for (int j = 0; j < 20; j++) {
			final boolean changed = j >= 10;
			f[j] = new double[] { changed ? Math.log(0.5) : 0, 0, changed ? 0.2 : 0, 0, 0.01 };
			g[j] = changed ? new double[] { -0.05, -0.6 } : new double[] { -0.001, -0.001 };
		}
		final ShiftResponse r = new ShiftResponse(REFERENCE, f, g, 5, Q);
		final double[] like = r.correct(new double[] { 0.99, 0.97 }, new double[] { 0, 0, 0, 0, 0.01 });
		assertEquals(0.989, like[0], 1e-3);
		assertEquals(0.969, like[1], 1e-3);
		final double[] changed = r.correct(new double[] { 0.99, 0.97 }, new double[] { Math.log(0.52), 0, 0.19, 0,
			0.01 });
		assertEquals(0.94, changed[0], 1e-3);
		assertEquals(0.37, changed[1], 1e-3);
	}

	/**
	 * A barely trained network: right on slices as they were (two samples, gap
	 * 0), a little off after small changes (four, -0.01), and the more off the
	 * larger the change (26, from -0.05 to -0.9). An unchanged slice gets the
	 * gaps of its {@link ShiftResponse#NEIGHBOURS} nearest samples only: a
	 * Gaussian weight over all samples, with the eighth nearest as its width,
	 * took 0.08 off here, the share of the large changes.
	 */
	@Test
	void anUnchangedSliceIsNotPulledByTheSamplesOfLargeChanges() {
		final double[][] f = new double[32][];
		final double[][] g = new double[32][];
		for (int j = 0; j < 32; j++) {
			final double x = j < 2 ? 0 : j < 6 ? 0.05 * (j - 1) : 0.7 + 0.1 * (j - 6);
			f[j] = new double[] { x, 0, 0, 0, 0.1 };
			final double gap = j < 2 ? 0 : j < 6 ? -0.01 : -0.05 - 0.85 * (x - 0.7) / 2.5;
			g[j] = new double[] { gap, gap };
		}
		final ShiftResponse r = new ShiftResponse(REFERENCE, f, g, 2, Q);
		final double[] unchanged = r.correct(new double[] { 0.96, 0.96 }, new double[] { 0.01, 0, 0, 0, 0.1 });
		assertEquals(0.96 - 0.012, unchanged[0], 0.004, "about the gaps of the nearest: 0 and -0.01");
		final double[] large = r.correct(new double[] { 0.96, 0.96 }, new double[] { 3, 0, 0, 0, 0.1 });
		assertEquals(0.96 - 0.8, large[1], 0.02, "a slice like the large changes gets their gaps");
	}

	@Test
	void phasesWithoutEstimateOrGapsStayAndTheResultStaysWithinZeroAndOne() {
		final double[][] f = { { 0, 0, 0, 0, 0 }, { 1, 0, 0, 0, 0 } };
		final double[][] g = { { Double.NaN, -0.9, 0.5 }, { Double.NaN, -0.9, 0.5 } };
		final double[] out = new ShiftResponse(REFERENCE, f, g, 1, Q).correct(new double[] { 0.8, 0.5, Double.NaN },
			new double[] { 0, 0, 0, 0, 0 });
		assertEquals(0.8, out[0], "no sample measured phase 0: as estimated");
		assertEquals(0, out[1], "not below 0");
		assertTrue(Double.isNaN(out[2]), "a phase neither labelled nor expected stays without estimate");
	}

	@Test
	void theFeaturesOfASliceAreItsGreyValuesAgainstTheReferenceAndItsUncertainShare() {
		final ShiftResponse r = new ShiftResponse(REFERENCE, new double[0][], new double[0][], 0, Q);
		assertArrayEquals(new double[] { 0, 0, 0, 0, 0.25 }, r.featuresOf(REFERENCE, 0.25), 1e-12);
		final double[] f = r.featuresOf(new GreyFeatures(0, 0.25, 0.5, 0.02), 0);
		assertEquals(Math.log(0.5), f[0], 1e-9, "half the spread");
		assertEquals(-0.25, f[1], 1e-9, "the median a quarter of the range lower");
		assertEquals(0, f[2], 1e-9, "in the middle of its range as before");
		assertEquals(Math.log(2), f[3], 1e-3, "twice the noise");
	}

	@Test
	void anEnsemblePoolsTheSamplesOfItsNetworks() {
		final ShiftResponse a = new ShiftResponse(REFERENCE, new double[][] { { 0, 0, 0, 0, 0 } }, new double[][] { {
			-0.1 } }, 2, new float[] { 0, 1 });
		final ShiftResponse b = new ShiftResponse(new GreyFeatures(0, 0.5, 1, 0.03), new double[][] { { 1, 0, 0, 0,
			0 } }, new double[][] { { -0.2 } }, 3, new float[] { 0, 2 });
		final ShiftResponse p = ShiftResponse.pool(Arrays.asList(a, null, b));
		assertEquals(2, p.features().length);
		assertEquals(5, p.slices());
		assertEquals(0.02, p.reference().noise(), 1e-12);
		assertArrayEquals(new float[] { 0, 1.5f }, p.quantiles(), "the mean distribution of their grey values");
		assertNull(ShiftResponse.pool(Arrays.asList(null, null)));
		assertNull(ShiftResponse.pool(List.of()));
	}
}
