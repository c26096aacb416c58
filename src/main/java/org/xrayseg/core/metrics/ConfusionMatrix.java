package org.xrayseg.core.metrics;

/**
 * Pixel counts by (true class, predicted class) and the overlap scores derived
 * from them. A class that is absent from both truth and prediction has no
 * defined Dice or IoU: those return NaN and are left out of averages.
 */
public final class ConfusionMatrix {

	private final long[][] counts;

	public ConfusionMatrix(final int classes) {
		counts = new long[classes][classes];
	}

	/**
	 * Counts every pixel of a pair of class maps of equal length, except those
	 * whose truth is {@link org.xrayseg.core.data.LabelCoding#UNLABELLED} (not annotated).
	 */
	public static ConfusionMatrix of(final byte[] truth, final byte[] prediction, final int classes) {
		if (truth.length != prediction.length) throw new IllegalArgumentException("Sizes differ");
		final ConfusionMatrix m = new ConfusionMatrix(classes);
		for (int i = 0; i < truth.length; i++)
			if (truth[i] >= 0) m.counts[truth[i]][prediction[i]]++;
		return m;
	}

	public int classes() {
		return counts.length;
	}

	/** @return pixels of true class {@code truth} predicted as {@code predicted} */
	public long count(final int truth, final int predicted) {
		return counts[truth][predicted];
	}

	public void add(final int truth, final int predicted, final long n) {
		counts[truth][predicted] += n;
	}

	public void add(final ConfusionMatrix other) {
		for (int t = 0; t < counts.length; t++)
			for (int p = 0; p < counts.length; p++)
				counts[t][p] += other.counts[t][p];
	}

	/** @return 2 TP / (2 TP + FP + FN) of class {@code c}, NaN if the class is absent from both */
	public double dice(final int c) {
		final long tp = counts[c][c];
		final long denominator = truthTotal(c) + predictedTotal(c);
		return denominator == 0 ? Double.NaN : 2.0 * tp / denominator;
	}

	/** @return TP / (TP + FP + FN) of class {@code c}, NaN if the class is absent from both */
	public double iou(final int c) {
		final long tp = counts[c][c];
		final long union = truthTotal(c) + predictedTotal(c) - tp;
		return union == 0 ? Double.NaN : (double) tp / union;
	}

	/** @return the fraction of pixels whose class is right */
	public double accuracy() {
		long right = 0;
		long all = 0;
		for (int t = 0; t < counts.length; t++)
			for (int p = 0; p < counts.length; p++) {
				all += counts[t][p];
				if (t == p) right += counts[t][p];
			}
		return all == 0 ? Double.NaN : (double) right / all;
	}

	private long truthTotal(final int c) {
		long n = 0;
		for (int p = 0; p < counts.length; p++)
			n += counts[c][p];
		return n;
	}

	private long predictedTotal(final int c) {
		long n = 0;
		for (int t = 0; t < counts.length; t++)
			n += counts[t][c];
		return n;
	}
}
