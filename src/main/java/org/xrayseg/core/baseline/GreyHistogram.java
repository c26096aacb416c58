package org.xrayseg.core.baseline;

import org.xrayseg.core.data.LabelledSlices;

/**
 * Grey-value histograms of labelled slices, one per class, over a common range
 * of bins: the statistics from which global thresholds are fitted.
 */
final class GreyHistogram {

	static final int BINS = 512;

	final double min;
	final double max;
	/** counts[class][bin] */
	final long[][] counts;
	/** cumulative[class][b]: pixels of the class in bins 0..b-1 */
	private final long[][] cumulative;
	/** pixels of all classes in bins 0..b-1, and the sum of their bin indices */
	private final long[] cumulativeTotal = new long[BINS + 1];
	private final double[] cumulativeBinSum = new double[BINS + 1];

	private GreyHistogram(final double min, final double max, final int classes) {
		this.min = min;
		this.max = max;
		this.counts = new long[classes][BINS];
		this.cumulative = new long[classes][BINS + 1];
	}

	private void accumulate() {
		for (int c = 0; c < counts.length; c++)
			for (int b = 0; b < BINS; b++) {
				cumulative[c][b + 1] = cumulative[c][b] + counts[c][b];
				cumulativeTotal[b + 1] += counts[c][b];
				cumulativeBinSum[b + 1] += (double) counts[c][b] * b;
			}
		for (int b = 0; b < BINS; b++) {
			cumulativeTotal[b + 1] += cumulativeTotal[b];
			cumulativeBinSum[b + 1] += cumulativeBinSum[b];
		}
	}

	/** @return pixels of class {@code c} in bins {@code from}..{@code to}-1 */
	long count(final int c, final int from, final int to) {
		return cumulative[c][to] - cumulative[c][from];
	}

	/** @return pixels of all classes in bins {@code from}..{@code to}-1 */
	long totalCount(final int from, final int to) {
		return cumulativeTotal[to] - cumulativeTotal[from];
	}

	/** @return the sum of the bin indices of all pixels in bins {@code from}..{@code to}-1 */
	double binSum(final int from, final int to) {
		return cumulativeBinSum[to] - cumulativeBinSum[from];
	}

	static GreyHistogram of(final LabelledSlices set, final int classes) {
		double lo = Double.POSITIVE_INFINITY;
		double hi = Double.NEGATIVE_INFINITY;
		for (final LabelledSlices.Slice s : set.slices())
			for (final float v : s.pixels()) {
				lo = Math.min(lo, v);
				hi = Math.max(hi, v);
			}
		final GreyHistogram h = new GreyHistogram(lo, hi > lo ? hi : lo + 1, classes);
		for (final LabelledSlices.Slice s : set.slices())
			for (int i = 0; i < s.pixels().length; i++)
				h.counts[s.classes()[i]][h.bin(s.pixels()[i])]++;
		h.accumulate();
		return h;
	}

	int bin(final double v) {
		final int b = (int) ((v - min) / (max - min) * BINS);
		return Math.max(0, Math.min(BINS - 1, b));
	}

	/** @return the grey value at the lower edge of {@code bin} */
	double edge(final int bin) {
		return min + (max - min) * bin / BINS;
	}

	/** @return the mean grey value of each class */
	double[] classMeans() {
		final double[] means = new double[counts.length];
		for (int c = 0; c < counts.length; c++) {
			double sum = 0;
			long n = 0;
			for (int b = 0; b < BINS; b++) {
				sum += counts[c][b] * (edge(b) + (max - min) / BINS / 2);
				n += counts[c][b];
			}
			means[c] = n == 0 ? Double.NaN : sum / n;
		}
		return means;
	}
}
