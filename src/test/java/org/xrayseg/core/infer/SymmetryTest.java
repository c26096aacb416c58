package org.xrayseg.core.infer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
		final float[] flipped = Symmetry.apply(plane, w, h, 1);
		final float[] upsideDown = Symmetry.apply(plane, w, h, 2);
		final float[] transposed = Symmetry.apply(plane, w, h, 4);
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				assertEquals(plane[y * w + x], flipped[y * w + w - 1 - x]);
				assertEquals(plane[y * w + x], upsideDown[(h - 1 - y) * w + x]);
				assertEquals(plane[y * w + x], transposed[x * h + y]); // now h wide
			}
	}

	@Test
	void theProbabilitiesOfEveryClassAreAddedBack() {
		final int w = 4;
		final int h = 6;
		final float[] planes = new float[2 * w * h];
		for (int i = 0; i < planes.length; i++)
			planes[i] = i;
		for (int s = 0; s < Symmetry.COUNT; s++) {
			final float[] turned = new float[planes.length];
			for (int c = 0; c < 2; c++)
				System.arraycopy(Symmetry.apply(java.util.Arrays.copyOfRange(planes, c * w * h, (c + 1) * w * h), w, h,
					s), 0, turned, c * w * h, w * h);
			final float[] sum = new float[planes.length];
			java.util.Arrays.fill(sum, 1);
			Symmetry.addInverse(turned, 2, w, h, s, sum);
			for (int i = 0; i < planes.length; i++)
				assertEquals(planes[i] + 1, sum[i], "symmetry " + s + ", value " + i);
		}
	}
}
