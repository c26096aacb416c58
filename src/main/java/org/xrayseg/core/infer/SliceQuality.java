package org.xrayseg.core.infer;

/**
 * How good the segmentation of one slice probably is, from the model's own
 * calibrated class probabilities alone (no reference). The estimated Dice of
 * phase k is the Dice that the labels would have against a truth drawn from
 * those probabilities, as a ratio of expectations:
 * 2 &Sigma;<sub>i labelled k</sub> p<sub>ik</sub> / (&Sigma;<sub>i</sub> p<sub>ik</sub> + #labelled k).
 * It is as good as the calibration: where the model is sure and wrong (a
 * slice unlike its training data), it is too high; Segment's estimate
 * corrects it ({@link QualityEstimate}).
 *
 * @param dice the estimated Dice of each phase; NaN where the phase is neither
 *          labelled nor expected (less than half a pixel), as Evaluate leaves such slices out
 * @param uncertain the share of pixels whose chosen phase has a probability below {@link #SURE}
 */
public record SliceQuality(double[] dice, double uncertain) {

	/** The probability of the chosen phase from which a pixel counts as certain. */
	public static final double SURE = 0.9;

	/**
	 * @param probabilities calibrated class probabilities, row-major (K, H, W)
	 * @param classes the chosen class of every pixel, row-major (H, W)
	 */
	public static SliceQuality of(final float[] probabilities, final byte[] classes, final int k) {
		final int n = classes.length;
		final double[] overlap = new double[k];
		final double[] expected = new double[k];
		final long[] labelled = new long[k];
		long uncertain = 0;
		for (int i = 0; i < n; i++) {
			final int c = classes[i];
			final double chosen = probabilities[c * n + i];
			overlap[c] += chosen;
			labelled[c]++;
			if (chosen < SURE) uncertain++;
		}
		for (int c = 0; c < k; c++)
			for (int i = 0; i < n; i++)
				expected[c] += probabilities[c * n + i];
		final double[] dice = new double[k];
		for (int c = 0; c < k; c++)
			dice[c] = labelled[c] == 0 && expected[c] < 0.5 ? Double.NaN : 2 * overlap[c] / (expected[c] + labelled[c]);
		return new SliceQuality(dice, (double) uncertain / Math.max(1, n));
	}

	/** @return the mean estimated Dice over the phases that have one */
	public double meanDice() {
		double sum = 0;
		int count = 0;
		for (final double d : dice)
			if (!Double.isNaN(d)) {
				sum += d;
				count++;
			}
		return count == 0 ? Double.NaN : sum / count;
	}
}
