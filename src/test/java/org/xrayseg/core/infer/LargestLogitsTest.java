package org.xrayseg.core.infer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;

import org.junit.jupiter.api.Test;

class LargestLogitsTest {

	@Test
	void theFirstLargestClassOfEachPixelForAnyNumberOfClasses() {
		final Random random = new Random(3);
		for (int classes = 1; classes <= 7; classes++) {
			final int pixels = 2000;
			final int from = 5; // the row starts inside the array
			final float[] logits = new float[from + pixels * classes];
			for (int i = 0; i < logits.length; i++) // few distinct values: many ties
				logits[i] = random.nextInt(4) - 1.5f;
			for (int k = 0; k < 50; k++) // a NaN now and then is never the largest, as in a loop with >
				logits[from + random.nextInt(pixels * classes)] = Float.NaN;
			final byte[] expected = new byte[pixels + 3];
			final byte[] actual = new byte[pixels + 3];
			for (int p = 0; p < pixels; p++) {
				int best = 0;
				for (int c = 1; c < classes; c++)
					if (logits[from + p * classes + c] > logits[from + p * classes + best]) best = c;
				expected[3 + p] = (byte) best;
			}
			LargestLogits.row(logits, from, pixels, classes, actual, 3);
			assertArrayEquals(expected, actual, classes + " classes");
		}
	}
}
