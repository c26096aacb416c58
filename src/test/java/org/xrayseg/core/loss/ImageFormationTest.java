package org.xrayseg.core.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import org.junit.jupiter.api.Test;
import org.xrayseg.core.filter.Edge;
import org.xrayseg.core.filter.Gaussian;
import org.xrayseg.core.runtime.DjlRuntime;

/** The image a segmentation predicts: phase grey values blurred by the point spread, as the slice shows them. */
class ImageFormationTest {

	private static final int SIDE = 32;
	private static final float[] MEANS = { 0.2f, 0.7f };

	@Test
	void theBlurIsAGaussianOfUnitSumCroppedByTheMargin() {
		try (NDManager m = DjlRuntime.engine().newBaseManager()) {
			final double[] map = disc(SIDE / 2f);
			final double[] reference = Gaussian.blur(map, SIDE, SIDE, 1.5, Edge.MIRROR);
			final NDArray blurred = ImageFormation.blur(m.create(floats(map), new Shape(1, 1, SIDE, SIDE)), 1.5f);
			final int inner = SIDE - 2 * ImageFormation.MARGIN;
			assertArrayEquals(new long[] { 1, 1, inner, inner }, blurred.getShape().getShape());
			final float[] b = blurred.toFloatArray();
			for (int y = 0; y < inner; y++)
				for (int x = 0; x < inner; x++)
					assertEquals(reference[(y + ImageFormation.MARGIN) * SIDE + x + ImageFormation.MARGIN], b[y * inner +
						x], 0.01, "pixel " + x + ", " + y);
		}
	}

	@Test
	void theTrueBoundaryAndPointSpreadExplainTheSliceBest() {
		try (NDManager m = DjlRuntime.engine().newBaseManager()) {
			// a bright disc blurred by a point spread of 1.5 pixels: partial-volume grey values at its edge
			final double[] map = disc(SIDE / 2f);
			final double[] grey = new double[map.length];
			for (int i = 0; i < grey.length; i++)
				grey[i] = MEANS[0] + (MEANS[1] - MEANS[0]) * map[i];
			final NDArray slice = m.create(floats(Gaussian.blur(grey, SIDE, SIDE, 1.5, Edge.MIRROR)), new Shape(1, 1, SIDE,
				SIDE));
			final NDArray means = m.create(MEANS, new Shape(1, 2, 1, 1));
			final float truth = residual(m, map, means, slice, 1.5f);
			assertTrue(truth < 1e-4, "the true segmentation and spread explain the slice: " + truth);
			assertTrue(residual(m, map, means, slice, 0.75f) > 10 * truth + 1e-4, "a narrower spread explains it worse");
			assertTrue(residual(m, map, means, slice, 2.5f) > 10 * truth + 1e-4, "a wider spread explains it worse");
			assertTrue(residual(m, disc(SIDE / 2f + 1), means, slice, 1.5f) > 10 * truth + 1e-4,
				"a boundary a pixel off explains it worse");
		}
	}

	private static float residual(final NDManager m, final double[] map, final NDArray means, final NDArray slice,
		final float sigma)
	{
		final float[] p = new float[2 * map.length];
		for (int i = 0; i < map.length; i++) {
			p[i] = (float) (1 - map[i]);
			p[map.length + i] = (float) map[i];
		}
		return ImageFormation.residual(ImageFormation.predict(m.create(p, new Shape(1, 2, SIDE, SIDE)), means, sigma),
			slice).getFloat();
	}

	/** @return 1 inside a disc of the given radius about the centre, 0 outside */
	static double[] disc(final float radius) {
		final double[] map = new double[SIDE * SIDE];
		for (int y = 0; y < SIDE; y++)
			for (int x = 0; x < SIDE; x++)
				map[y * SIDE + x] = Math.hypot(x - SIDE / 2.0 + 0.5, y - SIDE / 2.0 + 0.5) < radius / 2 + 2 ? 1 : 0;
		return map;
	}

	private static float[] floats(final double[] v) {
		final float[] f = new float[v.length];
		for (int i = 0; i < v.length; i++)
			f[i] = (float) v[i];
		return f;
	}
}
