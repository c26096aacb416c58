package org.xrayseg.core.data;

/**
 * What a slice's grey values look like, as the network sees them (normalised),
 * in four numbers that a change of scan conditions moves: its 0.5, 50 and
 * 99.5 percentiles and its noise. {@link #against} turns them into how far a
 * slice lies from a reference (the validation slices): the spread of its
 * grey values (log ratio), its median's shift (in units of the reference's
 * range), where its median lies within its own range (other gamma), and its
 * noise (log ratio). The noise is Immerk&aelig;r's estimate (1996): the mean
 * absolute response to a 3 x 3 mask that cancels linear grey-value ramps,
 * times &radic;(&pi;/2) / 6; edges add to it alike in every slice of a
 * sample, so ratios compare.
 *
 * @param low the 0.5 percentile
 * @param median the median
 * @param high the 99.5 percentile
 * @param noise the estimated standard deviation of the noise
 */
public record GreyFeatures(double low, double median, double high, double noise) {

	/** The number of values {@link #against} gives. */
	public static final int COUNT = 4;

	/** @return the features of a slice of {@code width} x {@code height} normalised grey values */
	public static GreyFeatures of(final float[] grey, final int width, final int height) {
		final double[] p = Normalization.lowMedianHigh(grey);
		return new GreyFeatures(p[0], p[1], p[2], noise(grey, width, height));
	}

	/** @return the mean of each feature over {@code slices} (the reference of a set of slices) */
	public static GreyFeatures mean(final java.util.List<GreyFeatures> slices) {
		final int n = slices.size();
		return new GreyFeatures(slices.stream().mapToDouble(GreyFeatures::low).sum() / n, slices.stream()
			.mapToDouble(GreyFeatures::median).sum() / n, slices.stream().mapToDouble(GreyFeatures::high).sum() / n,
			slices.stream().mapToDouble(GreyFeatures::noise).sum() / n);
	}

	/**
	 * @return {log spread ratio, median shift in reference ranges, change of the median's place within the
	 *         range, log noise ratio} of this slice against {@code reference}; 0 each where equal
	 */
	public double[] against(final GreyFeatures reference) {
		final double range = Math.max(1e-12, reference.high - reference.low);
		final double own = Math.max(1e-12, high - low);
		final double tiny = 1e-6 * range;
		return new double[] { Math.log(own / range), (median - reference.median) / range, (median - low) / own -
			(reference.median - reference.low) / range, Math.log((noise + tiny) / (reference.noise + tiny)) };
	}

	/** @return Immerk&aelig;r's estimate of the standard deviation of the noise of a slice */
	static double noise(final float[] g, final int width, final int height) {
		if (width < 3 || height < 3) return 0;
		// at most about a million responses, on evenly spaced rows
		final int step = Math.max(1, (int) ((long) (width - 2) * (height - 2) / (1 << 20)));
		double sum = 0;
		long n = 0;
		for (int y = 1; y < height - 1; y += step) {
			final int r = y * width;
			for (int x = 1; x < width - 1; x++) {
				final int i = r + x;
				final double v = g[i - width - 1] - 2 * g[i - width] + g[i - width + 1] - 2 * g[i - 1] + 4 * g[i] - 2 *
					g[i + 1] + g[i + width - 1] - 2 * g[i + width] + g[i + width + 1];
				if (Double.isFinite(v)) {
					sum += Math.abs(v);
					n++;
				}
			}
		}
		return n == 0 ? 0 : Math.sqrt(Math.PI / 2) / 6 * sum / n;
	}
}
