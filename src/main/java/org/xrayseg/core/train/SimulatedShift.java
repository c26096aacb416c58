package org.xrayseg.core.train;

import java.util.Random;

import org.xrayseg.core.data.Normalization;
import org.xrayseg.core.filter.Edge;
import org.xrayseg.core.filter.Gaussian;

/**
 * A simulated change of scan conditions applied to a slice's normalised grey
 * values, in units of the slice's own range r (its 0.5 to 99.5 percentile,
 * from lo): the values within the range are mapped as lo + r (scale u<sup>gamma</sup>
 * + offset) with u their place in the range (those outside move with its
 * ends), then blurred (a Gaussian of {@code blur} pixels), then given
 * Gaussian noise of standard deviation {@code noise} r. Wider than the
 * training augmentation ({@link IntensityAugmentation}): these are changes a
 * network was not taught to ignore.
 */
record SimulatedShift(double gamma, double scale, double offset, double noise, double blur) {

	static final SimulatedShift NONE = new SimulatedShift(1, 1, 0, 0, 0);

	/**
	 * @return a change, never none: with probability 0.7 another contrast (a gamma of 1/3 to 3, a scale of 0.4 to
	 *         2.5, both uniform in their logarithms, and an offset of -0.5 to 0.5), with 0.5 noise of 1-30% of
	 *         the range (uniform in its logarithm), with 0.25 a blur of 0.5-2 pixels
	 */
	static SimulatedShift draw(final Random random) {
		final boolean contrast = random.nextDouble() < 0.7;
		final boolean blurred = random.nextDouble() < 0.25;
		final boolean noisy = random.nextDouble() < 0.5 || !(contrast || blurred);
		final double gamma = contrast ? logUniform(random, 1 / 3.0, 3) : 1;
		final double scale = contrast ? logUniform(random, 0.4, 2.5) : 1;
		final double offset = contrast ? random.nextDouble() - 0.5 : 0;
		final double noise = noisy ? logUniform(random, 0.01, 0.3) : 0;
		final double blur = blurred ? 0.5 + 1.5 * random.nextDouble() : 0;
		return new SimulatedShift(gamma, scale, offset, noise, blur);
	}

	private static double logUniform(final Random random, final double from, final double to) {
		return Math.exp(Math.log(from) + random.nextDouble() * Math.log(to / from));
	}

	/** @return {@code v} ({@code width} x {@code height}) changed, in place */
	float[] apply(final float[] v, final int width, final int height, final Random random) {
		if (equals(NONE)) return v;
		final double[] p = Normalization.lowMedianHigh(v);
		final double lo = p[0];
		final double r = p[2] - p[0];
		if (r > 0 && (gamma != 1 || scale != 1 || offset != 0))
			for (int i = 0; i < v.length; i++) {
				final double u = (v[i] - lo) / r;
				final double inside = Math.max(0, Math.min(1, u));
				v[i] = (float) (lo + r * (scale * (Math.pow(inside, gamma) + u - inside) + offset));
			}
		if (blur > 0) Gaussian.blurPlane(v, 0, width, height, blur, Edge.CLAMP);
		if (noise > 0) for (int i = 0; i < v.length; i++)
			v[i] += (float) (noise * r * random.nextGaussian());
		return v;
	}
}
