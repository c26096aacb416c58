package org.xrayseg.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.xrayseg.core.error.InvalidInputException;

class GreyAugmentationTest {

	@Test
	void keysOfThisVersionAndTheCheckboxOfEarlierOnes() {
		assertEquals(GreyAugmentation.NOISE, GreyAugmentation.parse("noise"));
		assertEquals(GreyAugmentation.ALL, GreyAugmentation.parse(" ALL "));
		assertEquals(GreyAugmentation.NONE, GreyAugmentation.parse("none"));
		assertEquals(GreyAugmentation.ALL, GreyAugmentation.parse("true"), "the checkbox of earlier versions");
		assertEquals(GreyAugmentation.NONE, GreyAugmentation.parse("false"));
		assertEquals("noise", GreyAugmentation.NOISE.key());
		assertEquals("intensity_augmentation must be one of noise, all, none, not 'gamma'", assertThrows(
			InvalidInputException.class, () -> GreyAugmentation.parse("gamma")).getMessage());
		assertEquals(GreyAugmentation.NOISE, TrainingOptions.defaults().intensityAugmentation(), "the default");
	}

	@Test
	void noiseAndBlurLeaveTheGreyScaleWhereItWas() {
		// a patch of two phases, 0.2 and 0.8: noise and blur move single values, never the whole scale
		final int patch = 32;
		for (int seed = 0; seed < 200; seed++) {
			final float[] v = new float[patch * patch];
			for (int i = 0; i < v.length; i++)
				v[i] = i % patch < patch / 2 ? 0.2f : 0.8f;
			IntensityAugmentation.apply(v, 0, 1, patch, new SplittableRandom(seed), GreyAugmentation.NOISE);
			double sum = 0;
			for (final float x : v)
				sum += x;
			assertEquals(0.5, sum / v.length, 0.01, "seed " + seed);
		}
	}
}
