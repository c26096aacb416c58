package org.xrayseg.core.baseline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.xrayseg.core.data.LabelledSlices;
import org.xrayseg.core.metrics.ConfusionMatrix;

class GlobalThresholdsTest {

	/**
	 * 10x10 image: phase 0 (grey 10) in rows 0-2, phase 2 (grey 100) in rows 3-5,
	 * phase 1 (grey 50) in rows 6-9, except one phase-1 pixel that is as bright
	 * as phase 2. No global threshold can get that pixel right, so the best one
	 * scores phase 1: Dice 2*39/(40+39), phase 2: 2*30/(30+31), phase 0: 1.
	 */
	private static LabelledSlices knownPhases() {
		final float[] grey = new float[100];
		final byte[] phase = new byte[100];
		for (int i = 0; i < 100; i++) {
			final int row = i / 10;
			phase[i] = (byte) (row < 3 ? 0 : row < 6 ? 2 : 1);
			grey[i] = phase[i] == 0 ? 10 : phase[i] == 1 ? 50 : 100;
		}
		grey[99] = 100;
		return new LabelledSlices(List.of(new LabelledSlices.Slice(grey, phase, 10, 10, "known")));
	}

	@Test
	void thresholdsFittedOnLabelsGiveTheExactDice() {
		final LabelledSlices set = knownPhases();
		final LabelledSlices.Slice s = set.get(0);
		for (final GlobalThresholds t : new GlobalThresholds[] { GlobalThresholds.fitToLabels(set, 3),
			GlobalThresholds.otsu(set, 3) })
		{
			final ConfusionMatrix m = ConfusionMatrix.of(s.classes(), t.classify(s.pixels()), 3);
			assertEquals(1.0, m.dice(0), 1e-15);
			assertEquals(2.0 * 39 / 79, m.dice(1), 1e-15);
			assertEquals(2.0 * 30 / 61, m.dice(2), 1e-15);
		}
	}

	@Test
	void bandsFollowThePhasesGreyOrderNotTheirCodes() {
		final LabelledSlices set = knownPhases();
		final byte[] phases = GlobalThresholds.fitToLabels(set, 3).classify(new float[] { 0, 49, 51, 1000 });
		assertArrayEquals(new byte[] { 0, 1, 1, 2 }, phases);
	}

	@Test
	void twoAndFourPhasesAreSplitToo() {
		final float[] grey = new float[40];
		final byte[] phase = new byte[40];
		for (int i = 0; i < 40; i++) {
			phase[i] = (byte) (i / 10);
			grey[i] = phase[i] * 100 + i % 10;
		}
		final LabelledSlices four = new LabelledSlices(List.of(new LabelledSlices.Slice(grey, phase, 40, 1, "four")));
		assertArrayEquals(phase, GlobalThresholds.fitToLabels(four, 4).classify(grey));
		assertArrayEquals(phase, GlobalThresholds.otsu(four, 4).classify(grey));
		final byte[] two = new byte[40];
		for (int i = 0; i < 40; i++)
			two[i] = (byte) (i < 20 ? 0 : 1);
		final LabelledSlices pair = new LabelledSlices(List.of(new LabelledSlices.Slice(grey, two, 40, 1, "two")));
		assertArrayEquals(two, GlobalThresholds.fitToLabels(pair, 2).classify(grey));
	}
}
