package org.xrayseg.core.train;

import java.util.SplittableRandom;

import org.xrayseg.core.filter.Edge;
import org.xrayseg.core.filter.Gaussian;

/**
 * Random grey-value changes of a training patch, in normalised units, each
 * with its own probability and in ranges that keep phases apart (after
 * nnU-Net's): with {@link GreyAugmentation#ALL} brightness +-0.1 (p 0.15),
 * contrast x0.75..1.25 about the mean (p 0.15) and gamma 0.7..1.5 over the
 * patch's range (p 0.3); always Gaussian noise of standard deviation up to
 * 0.05 (p 0.15) and Gaussian blur of 0.5..1 pixel (p 0.2, edges clamped). All
 * channels of a patch change alike.
 */
final class IntensityAugmentation {

	private IntensityAugmentation() {}

	/**
	 * Changes {@code channels} planes of {@code patch} x {@code patch} values from {@code offset}, in place.
	 *
	 * @param which the changes: none, noise and blur, or all
	 */
	static void apply(final float[] v, final int offset, final int channels, final int patch,
		final SplittableRandom random, final GreyAugmentation which)
	{
		if (which == GreyAugmentation.NONE) return;
		final int n = channels * patch * patch;
		if (which == GreyAugmentation.ALL) contrast(v, offset, n, random);
		if (random.nextDouble() < 0.15) {
			final double sigma = random.nextDouble() * 0.05;
			for (int i = offset; i < offset + n; i++)
				v[i] += (float) (sigma * random.nextGaussian());
		}
		if (random.nextDouble() < 0.2) {
			final double sigma = 0.5 + random.nextDouble() * 0.5;
			for (int c = 0; c < channels; c++)
				Gaussian.blurPlane(v, offset + c * patch * patch, patch, patch, sigma, Edge.CLAMP);
		}
	}

	private static void contrast(final float[] v, final int offset, final int n, final SplittableRandom random) {
		if (random.nextDouble() < 0.15) {
			final float shift = (float) (random.nextDouble() * 0.2 - 0.1);
			for (int i = offset; i < offset + n; i++)
				v[i] += shift;
		}
		if (random.nextDouble() < 0.15) {
			final float factor = (float) (0.75 + random.nextDouble() * 0.5);
			final float mean = mean(v, offset, n);
			for (int i = offset; i < offset + n; i++)
				v[i] = mean + (v[i] - mean) * factor;
		}
		if (random.nextDouble() < 0.3) gamma(v, offset, n, 0.7 + random.nextDouble() * 0.8);
	}

	private static float mean(final float[] v, final int offset, final int n) {
		double sum = 0;
		for (int i = offset; i < offset + n; i++)
			sum += v[i];
		return (float) (sum / n);
	}

	private static void gamma(final float[] v, final int offset, final int n, final double gamma) {
		float lo = Float.POSITIVE_INFINITY;
		float hi = Float.NEGATIVE_INFINITY;
		for (int i = offset; i < offset + n; i++) {
			lo = Math.min(lo, v[i]);
			hi = Math.max(hi, v[i]);
		}
		if (!(hi > lo)) return;
		for (int i = offset; i < offset + n; i++)
			v[i] = (float) (lo + (hi - lo) * Math.pow((v[i] - lo) / (hi - lo), gamma));
	}
}
