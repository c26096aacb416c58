package org.xrayseg.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.xrayseg.core.model.Calibration;

/** Temperature scaling on pixels whose calibrated probabilities are known in closed form. */
class TemperatureFitTest {

	/**
	 * Every pixel says class 0 with 0.99, and class 0 is right for 80% of them:
	 * the calibrated probability is 0.8, i.e. 0.99^b / (0.99^b + 0.01^b) = 0.8,
	 * b = ln 4 / ln 99, T = 1 / b = 3.3147.
	 */
	@Test
	void anOverConfidentNetworkGetsTheTemperatureThatMakesItsConfidenceItsAccuracy() {
		final int n = 1000;
		final float[] logp = new float[2 * n];
		final byte[] truth = new byte[n];
		for (int i = 0; i < n; i++) {
			logp[2 * i] = (float) Math.log(0.99);
			logp[2 * i + 1] = (float) Math.log(0.01);
			truth[i] = (byte) (i % 5 == 0 ? 1 : 0);
		}
		final TemperatureFit.Pixels pixels = new TemperatureFit.Pixels(logp, truth, 2);
		final double beta = TemperatureFit.minimise(pixels);
		assertEquals(Math.log(99) / Math.log(4), 1 / beta, 2e-3);
		assertEquals(0.19, TemperatureFit.ece(pixels, 1), 1e-6, "0.99 confident, 0.80 right");
		assertTrue(TemperatureFit.ece(pixels, beta) < 1e-3, "after: confidence 0.8, accuracy 0.8");
	}

	@Test
	void theTemperatureTurnsProbabilitiesAsTheSoftmaxOfScaledLogitsAndKeepsTheMostProbableClass() {
		// logits (2, 0, -1): softmax at T = 2 is softmax(1, 0, -0.5)
		final double[] logits = { 2, 0, -1 };
		final float[] p = new float[3];
		double z = 0;
		for (final double l : logits)
			z += Math.exp(l);
		for (int c = 0; c < 3; c++)
			p[c] = (float) (Math.exp(logits[c]) / z);
		Calibration.apply(p, 3, 2);
		final double z2 = Math.exp(1) + 1 + Math.exp(-0.5);
		assertEquals(Math.exp(1) / z2, p[0], 1e-6);
		assertEquals(1 / z2, p[1], 1e-6);
		assertEquals(Math.exp(-0.5) / z2, p[2], 1e-6);
	}

	@Test
	void anEnsembleTakesTheGeometricMeanOfItsNetworksTemperatures() {
		final Calibration c = TemperatureFit.ofEnsemble(java.util.List.of(new Calibration(2, 0.1, 0.01, 10),
			new Calibration(8, 0.2, 0.03, 10), Calibration.NONE));
		assertEquals(4, c.temperature(), 1e-9);
		assertEquals(20, c.pixels());
		assertEquals(Calibration.NONE, TemperatureFit.ofEnsemble(java.util.List.of(Calibration.NONE)));
	}
}
