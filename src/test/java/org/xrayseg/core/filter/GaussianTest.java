package org.xrayseg.core.filter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

/** One Gaussian kernel, the edge rule the caller's. */
class GaussianTest {

	@Test
	void theKernelReachesThreeSigmaAndSumsToOne() {
		assertEquals(2, Gaussian.radius(0.5));
		assertEquals(8, Gaussian.radius(2.5));
		assertArrayEquals(new double[] { 1 }, Gaussian.kernel(0));
		final double[] k = Gaussian.kernel(1.5);
		assertEquals(2 * 5 + 1, k.length);
		assertEquals(1, Arrays.stream(k).sum(), 1e-12);
		assertEquals(k[0], k[k.length - 1]);
		assertEquals(Math.exp(-0.5 * 4 / 2.25), k[5 + 2] / k[5], 1e-12);
	}

	@Test
	void edgesMirrorOrClamp() {
		assertArrayEquals(new int[] { 2, 1, 0, 1, 2, 3, 2, 1 }, Arrays.stream(new int[] { -2, -1, 0, 1, 2, 3, 4, 5 }).map(
			i -> Edge.MIRROR.index(i, 4)).toArray());
		assertArrayEquals(new int[] { 0, 0, 0, 1, 2, 3, 3, 3 }, Arrays.stream(new int[] { -2, -1, 0, 1, 2, 3, 4, 5 }).map(
			i -> Edge.CLAMP.index(i, 4)).toArray());
	}

	@Test
	void floatPlanesBlurAsDoubleImagesDo() {
		final int w = 9;
		final int h = 7;
		final double[] image = new double[w * h];
		image[3 * w + 4] = 1;
		image[0] = 2;
		for (final Edge edge : Edge.values()) {
			final double[] expected = Gaussian.blur(image, w, h, 0.8, edge);
			final float[] plane = new float[1 + image.length];
			for (int i = 0; i < image.length; i++)
				plane[1 + i] = (float) image[i];
			Gaussian.blurPlane(plane, 1, w, h, 0.8, edge);
			for (int i = 0; i < image.length; i++)
				assertEquals(expected[i], plane[1 + i], 1e-6, edge + ", pixel " + i);
		}
	}
}
