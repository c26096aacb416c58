package org.xrayseg.core.data;

import java.util.Arrays;

/**
 * Histogram matching: the monotone grey-value map that gives a slice the
 * distribution of others, through their quantiles (linear between them).
 * After a change of contrast, gamma or brightness it undoes the change, so
 * that a network sees the slice as it saw its training data.
 */
public final class GreyMatch {

	/** The quantiles that describe a distribution. */
	public static final int QUANTILES = 257;
	/** The most values sorted for them (evenly spaced). */
	private static final int SAMPLES = 1 << 20;

	private GreyMatch() {}

	/** @return {@link #QUANTILES} evenly spaced quantiles (0 to 1) of the finite values of the slices */
	public static float[] quantiles(final java.util.List<float[]> slices) {
		long n = 0;
		for (final float[] s : slices)
			n += s.length;
		final long step = Math.max(1, (n + SAMPLES - 1) / SAMPLES);
		final float[] v = new float[(int) Math.min(n, SAMPLES + slices.size())];
		int at = 0;
		long seen = 0;
		for (final float[] s : slices)
			for (final float x : s)
				if (seen++ % step == 0 && Float.isFinite(x) && at < v.length) v[at++] = x;
		final float[] sorted = Arrays.copyOf(v, at);
		Arrays.sort(sorted);
		final float[] q = new float[QUANTILES];
		for (int i = 0; i < QUANTILES; i++)
			q[i] = sorted.length == 0 ? 0 : sorted[(int) ((long) i * (sorted.length - 1) / (QUANTILES - 1))];
		return q;
	}

	/**
	 * @param from the quantiles of the distribution {@code values} come from (ascending)
	 * @param to the quantiles to give them
	 * @return the values mapped (a new array; beyond the ends, shifted with the end)
	 */
	public static float[] map(final float[] values, final float[] from, final float[] to) {
		final int n = from.length;
		final float[] out = new float[values.length];
		for (int i = 0; i < values.length; i++) {
			final float x = values[i];
			int j = Arrays.binarySearch(from, x);
			if (j < 0) j = -j - 1;
			// the first quantile above (or at) x, among repeated quantiles the middle one
			int hi = j;
			while (hi + 1 < n && from[hi + 1] == x) hi++;
			j = (j + hi) / 2;
			if (j <= 0) out[i] = to[0] + (x - from[0]);
			else if (j >= n) out[i] = to[n - 1] + (x - from[n - 1]);
			else {
				final float a = from[j - 1];
				final float b = from[j];
				final double t = b > a ? (x - a) / (double) (b - a) : 1;
				out[i] = (float) (to[j - 1] + t * (to[j] - to[j - 1]));
			}
		}
		return out;
	}
}
