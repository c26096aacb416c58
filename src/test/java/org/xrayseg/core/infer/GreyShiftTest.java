package org.xrayseg.core.infer;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.xrayseg.core.data.Normalization;

/** Slices whose grey values the network's confidence cannot be trusted on. */
class GreyShiftTest {

	/** The SOC training images' 0.5 / 50 / 99.5 percentiles, and where the median lies in their range. */
	private static final double[] TRAINING = { 19990, 35050, 42820 };
	private static final double PLACE = (35050 - 19990) / (42820 - 19990.0);

	@Test
	void aSliceOfTheSameScanPassesAnotherContrastOrStrongNoiseDoesNot() {
		assertFalse(global(20100, 35000, 42700), "a slice of the same scan");
		assertFalse(global(18900, 35050, 43900), "5% noise widens the range a little");
		assertTrue(global(28960, 38310, 42420), "gamma 0.5 and x 0.8: range 0.59 times, median moved 0.14");
		assertTrue(global(8000, 35000, 55000), "20% noise: range twice as wide");
		assertTrue(global(22300, 37350, 45120), "the same range moved up by a tenth of it");
	}

	@Test
	void withANormalisationPerImageOnlyTheMediansPlaceInTheRangeCounts() {
		assertFalse(GreyShift.unlike(new double[] { 100, 100 + 0.66 * 900, 1000 }, TRAINING, PLACE,
			Normalization.Mode.PER_IMAGE), "another scanner's offset and range");
		assertFalse(GreyShift.unlike(new double[] { 0.39, 0.80, 0.98 }, TRAINING, PLACE, Normalization.Mode.PER_IMAGE),
			"gamma 0.5 moves the median's place by 0.03 only");
		assertTrue(GreyShift.unlike(new double[] { 0, 0.436, 1 }, TRAINING, PLACE, Normalization.Mode.PER_IMAGE),
			"gamma 2 moves it by 0.22");
		assertFalse(GreyShift.unlike(new double[] { 0, 0.436, 1 }, TRAINING, Double.NaN,
			Normalization.Mode.PER_IMAGE), "nothing known of the training images: no flag");
	}

	private static boolean global(final double low, final double median, final double high) {
		return GreyShift.unlike(new double[] { low, median, high }, TRAINING, PLACE, Normalization.Mode.GLOBAL);
	}
}
