package org.xrayseg.core.infer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** Test-time augmentation maps each of the 8 symmetries' predictions back onto the image exactly. */
class SymmetryTest {

	@Test
	void everySymmetryIsUndoneExactly() {
		final int w = 5;
		final int h = 3;
		final float[] plane = new float[w * h];
		final Random random = new Random(1);
		for (int i = 0; i < plane.length; i++)
			plane[i] = random.nextFloat();
		for (int s = 0; s < Symmetry.COUNT; s++) {
			final float[] turned = Symmetry.apply(plane, w, h, s);
			final float[] back = new float[plane.length];
			Symmetry.addInverse(turned, 1, w, h, s, back);
			assertArrayEquals(plane, back, "symmetry " + s);
		}
	}
}
