package org.xrayseg.core.model;

import java.util.Locale;
import java.util.stream.IntStream;

/**
 * How a model's class probabilities are made to mean what they say (a pixel
 * given 0.9 is right 90% of the time): temperature scaling, fitted on the
 * validation slices after training. A probability vector p becomes
 * p<sup>1/T</sup>, normalised; for one network that is exactly the softmax of
 * its logits divided by T, and it applies as well to the tiled slices,
 * test-time augmentation and ensemble means that the segmenter averages. The
 * most probable phase, and so the labels, never change.
 *
 * @param temperature T (1: as the network says; above 1 the network was over-confident)
 * @param eceBefore the expected calibration error on the validation pixels at T = 1 (NaN if unknown)
 * @param eceAfter the same at T (NaN if unknown)
 * @param pixels the validation pixels it was fitted on (0: not fitted)
 * @param shifts how the quality estimate errs under changes of scan conditions (null: not measured, in
 *          models of earlier versions or without complete validation labels)
 */
public record Calibration(double temperature, double eceBefore, double eceAfter, long pixels,
	ShiftResponse shifts)
{

	/** No calibration: models trained before it existed, or without validation slices. */
	public static final Calibration NONE = new Calibration(1, Double.NaN, Double.NaN, 0);

	/** A temperature alone. */
	public Calibration(final double temperature, final double eceBefore, final double eceAfter, final long pixels) {
		this(temperature, eceBefore, eceAfter, pixels, null);
	}

	/** @return a copy with the response of the quality estimate to changes of scan conditions */
	public Calibration withShifts(final ShiftResponse s) {
		return new Calibration(temperature, eceBefore, eceAfter, pixels, s);
	}

	/** @return whether a temperature was fitted */
	public boolean fitted() {
		return pixels > 0;
	}

	/**
	 * Applies the temperature in place.
	 *
	 * @param probabilities class probabilities, row-major (K, H, W), each pixel's summing to 1
	 */
	public void apply(final float[] probabilities, final int classes) {
		apply(probabilities, classes, temperature);
	}

	/** Applies temperature {@code t} in place to (K, H, W) probabilities. */
	public static void apply(final float[] probabilities, final int classes, final double t) {
		if (t == 1) return;
		final int n = probabilities.length / classes;
		final double power = 1 / t;
		final int chunk = 1 << 14;
		IntStream.range(0, (n + chunk - 1) / chunk).parallel().forEach(k -> {
			final double[] q = new double[classes];
			for (int i = k * chunk; i < Math.min(n, (k + 1) * chunk); i++) {
				double sum = 0;
				for (int c = 0; c < classes; c++) {
					q[c] = Math.pow(probabilities[c * n + i], power);
					sum += q[c];
				}
				for (int c = 0; c < classes; c++)
					probabilities[c * n + i] = (float) (sum > 0 ? q[c] / sum : 1.0 / classes);
			}
		});
	}

	/** @return one line for the training summary and Segment */
	public String describe() {
		if (!fitted()) return "not calibrated (temperature 1)";
		return String.format(Locale.ROOT, "temperature %.3f fitted on %d validation pixels: ECE (the mean gap " +
			"between confidence and accuracy) %.4f before, %.4f after", temperature, pixels, eceBefore, eceAfter);
	}
}
