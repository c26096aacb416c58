package org.xrayseg.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** What a change of scan conditions does to the grey-value features of a slice. */
class GreyFeaturesTest {

	private static final int W = 200;
	private static final int H = 150;

	/** Two phases (0.2 and 0.8, left and right) and a ramp, with Gaussian noise of {@code sigma}. */
	private static float[] slice(final double sigma, final long seed) {
		final Random random = new Random(seed);
		final float[] v = new float[W * H];
		for (int y = 0; y < H; y++)
			for (int x = 0; x < W; x++)
				v[y * W + x] = (float) ((x < W / 2 ? 0.2 : 0.8) + 0.001 * y + sigma * random.nextGaussian());
		return v;
	}

	@Test
	void theNoiseEstimateIsTheStandardDeviationOfAddedNoiseAndIgnoresRampsAndFewEdges() {
		assertEquals(0, GreyFeatures.noise(slice(0, 1), W, H), 2e-3, "a ramp and one edge: (almost) no noise");
		for (final double sigma : new double[] { 0.01, 0.05, 0.2 })
			assertEquals(sigma, GreyFeatures.noise(slice(sigma, 2), W, H), 0.05 * sigma + 2e-3, "noise " + sigma);
	}

	@Test
	void aSliceAgainstItselfIsZeroAndChangesMoveTheirFeature() {
		final float[] v = slice(0.02, 3);
		final GreyFeatures ref = GreyFeatures.of(v, W, H);
		assertArrayEquals(new double[4], ref.against(ref), 1e-12);
		final float[] wider = v.clone();
		for (int i = 0; i < wider.length; i++)
			wider[i] *= 2;
		final double[] w = GreyFeatures.of(wider, W, H).against(ref);
		assertEquals(Math.log(2), w[0], 1e-6, "twice the spread");
		assertEquals(Math.log(2), w[3], 1e-4, "and twice the noise");
		final float[] noisy = slice(0.1, 4);
		assertTrue(GreyFeatures.of(noisy, W, H).against(ref)[3] > Math.log(4), "5 x the noise");
	}
}
