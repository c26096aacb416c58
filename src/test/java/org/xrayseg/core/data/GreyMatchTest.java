package org.xrayseg.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** Histogram matching undoes a monotone change of grey values. */
class GreyMatchTest {

	@Test
	void aGammaAndAScaleAreUndone() {
		final Random random = new Random(1);
		final float[] v = new float[100_000];
		for (int i = 0; i < v.length; i++)
			v[i] = (float) (random.nextDouble() < 0.3 ? 0.2 + 0.05 * random.nextGaussian() : 0.7 + 0.05 * random
				.nextGaussian());
		final float[] changed = new float[v.length];
		for (int i = 0; i < v.length; i++)
			changed[i] = (float) (0.5 * Math.sqrt(Math.max(0, v[i])) + 0.3);
		final float[] back = GreyMatch.map(changed, GreyMatch.quantiles(List.of(changed)), GreyMatch.quantiles(List.of(
			v)));
		double error = 0;
		for (int i = 0; i < v.length; i++)
			error = Math.max(error, Math.abs(back[i] - v[i]));
		assertEquals(0, error, 0.02, "the largest error, where the quantiles are sparse (the tails)");
		assertEquals(v[17], back[17], 2e-3);
	}

	@Test
	void valuesBeyondTheQuantilesMoveWithTheEnds() {
		final float[] from = { 0, 1 };
		final float[] to = { 10, 20 };
		final float[] out = GreyMatch.map(new float[] { -1, 0.5f, 2 }, from, to);
		assertEquals(9, out[0], 1e-6);
		assertEquals(15, out[1], 1e-6);
		assertEquals(21, out[2], 1e-6);
	}
}
