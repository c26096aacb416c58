package org.xrayseg.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.xrayseg.core.data.LabelledSlices;
import org.xrayseg.core.filter.Edge;
import org.xrayseg.core.filter.Gaussian;

/**
 * The point spread is estimated from the slices and a segmentation of them,
 * and the image-formation fit is used only where the phases have grey values
 * of their own.
 */
class PointSpreadTest {

	private static final int SIDE = 48;
	private static final float[] MEANS = { 0.2f, 0.8f };

	@Test
	void theWidthThatBlurredTheSlicesIsFound() {
		for (final float sigma : new float[] { 0.75f, 1.5f, 2 }) {
			final Random random = new Random(1);
			final double[] map = new double[SIDE * SIDE];
			for (int y = 0; y < SIDE; y++)
				for (int x = 0; x < SIDE; x++)
					map[y * SIDE + x] = Math.sin(x / 3.0) * Math.cos(y / 4.0) > 0.1 ? 1 : 0;
			final double[] grey = new double[map.length];
			for (int i = 0; i < grey.length; i++)
				grey[i] = MEANS[0] + (MEANS[1] - MEANS[0]) * map[i];
			final double[] blurred = Gaussian.blur(grey, SIDE, SIDE, sigma, Edge.MIRROR);
			final float[] noisy = new float[blurred.length];
			final float[] logits = new float[2 * map.length];
			for (int i = 0; i < map.length; i++) {
				noisy[i] = (float) (blurred[i] + 0.05 * random.nextGaussian());
				logits[i] = map[i] > 0 ? -5 : 5;
				logits[map.length + i] = -logits[i];
			}
			final PointSpread spread = new PointSpread();
			for (int step = 0; step < 10; step++)
				spread.observe(logits, MEANS, noisy, 1, SIDE, SIDE);
			assertEquals(sigma, spread.sigma(), 1e-6, "estimated point spread");
			final PointSpread resumed = new PointSpread();
			resumed.restore(spread.state());
			assertEquals(sigma, resumed.sigma(), 1e-6, "the estimate survives a checkpoint");
		}
	}

	@Test
	void phasesOfTheirOwnGreyValueAreToldFromPhasesOfTexture() {
		final Random random = new Random(2);
		final float[] own = new float[400];
		final float[] texture = new float[400];
		final byte[] classes = new byte[400];
		for (int i = 0; i < classes.length; i++) {
			classes[i] = (byte) (i < 200 ? 0 : 1);
			own[i] = (float) ((i < 200 ? 0.2 : 0.8) + 0.05 * random.nextGaussian());
			// the same mean, one phase smooth, the other grainy
			texture[i] = (float) (0.5 + (i < 200 ? 0.05 : 0.3) * random.nextGaussian());
		}
		final PhaseGrey a = PhaseGrey.of(slices(own, classes), 2);
		assertEquals(0.2, a.means()[0], 0.02);
		assertEquals(0.8, a.means()[1], 0.02);
		assertEquals(0.0025, a.within(), 0.001, "the noise variance within the phases");
		assertTrue(a.explained() > 0.95, "grey values of their own: " + a.explained());
		assertEquals(0, PhaseGrey.of(slices(texture, classes), 2).explained(), 0.05, "phases of texture");
		assertEquals(0, PhaseGrey.of(slices(own, classes), 3).explained(), "a phase without annotation: no fit");
	}

	private static LabelledSlices slices(final float[] grey, final byte[] classes) {
		return new LabelledSlices(List.of(new LabelledSlices.Slice(grey, classes, 20, 20, "s")));
	}
}
