package org.xrayseg.core.baseline;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

import org.xrayseg.core.data.LabelledSlices;

/**
 * The classical baseline: K-1 global grey thresholds split the grey range into
 * K bands, each band one phase (phases ordered by their mean grey value in the
 * training labels). Thresholds come either from multi-level Otsu (unsupervised:
 * maximal between-class variance of the grey histogram) or from the training
 * labels (the thresholds that maximise the mean Dice over phases on the
 * training slices). Both search all threshold pairs of a 512-bin histogram for
 * two or three phases, and improve one threshold at a time for more.
 */
public final class GlobalThresholds {

	private final double[] thresholds;
	private final int[] phaseOfBand;

	private GlobalThresholds(final double[] thresholds, final int[] phaseOfBand) {
		this.thresholds = thresholds;
		this.phaseOfBand = phaseOfBand;
	}

	/** Fits the thresholds that give the best mean Dice on the labelled slices. */
	public static GlobalThresholds fitToLabels(final LabelledSlices training, final int classes) {
		final GreyHistogram h = GreyHistogram.of(training, classes);
		final int[] order = phaseOrder(h);
		final int[] cuts = search(classes, cuts2 -> meanDice(h, order, cuts2));
		return new GlobalThresholds(edges(h, cuts), order);
	}

	/** Multi-level Otsu on the grey histogram; the labels only say which band is which phase. */
	public static GlobalThresholds otsu(final LabelledSlices training, final int classes) {
		final GreyHistogram h = GreyHistogram.of(training, classes);
		final int[] cuts = search(classes, c -> betweenClassVariance(h, c));
		return new GlobalThresholds(edges(h, cuts), phaseOrder(h));
	}

	/** @param pixels grey values as in training, row-major @return their phases */
	public byte[] classify(final float[] pixels) {
		final byte[] out = new byte[pixels.length];
		for (int i = 0; i < pixels.length; i++) {
			int band = 0;
			while (band < thresholds.length && pixels[i] >= thresholds[band])
				band++;
			out[i] = (byte) phaseOfBand[band];
		}
		return out;
	}

	/** @return the thresholds in increasing order, in the grey units of the training pixels */
	public double[] thresholds() {
		return thresholds.clone();
	}

	private interface Score {

		double of(int[] cuts);
	}

	/**
	 * @return K-1 increasing bin indices (band k starts at cuts[k-1]) that
	 *         maximise {@code score}, each in the middle of its range of equally
	 *         good positions (so that a clean gap between phases is split in two)
	 */
	private static int[] search(final int classes, final Score score) {
		final int[] cuts = bestCuts(classes, score);
		final double best = score.of(cuts);
		for (int k = 0; k < cuts.length; k++) {
			final int original = cuts[k];
			int lo = original;
			int hi = original;
			while (lo - 1 > (k == 0 ? 0 : cuts[k - 1]) && score.of(withCut(cuts, k, lo - 1)) >= best)
				lo--;
			while (hi + 1 < (k == cuts.length - 1 ? GreyHistogram.BINS : cuts[k + 1]) && score.of(withCut(cuts, k, hi +
				1)) >= best)
				hi++;
			cuts[k] = (lo + hi + 1) / 2;
		}
		return cuts;
	}

	private static int[] withCut(final int[] cuts, final int k, final int value) {
		final int[] c = cuts.clone();
		c[k] = value;
		return c;
	}

	private static int[] bestCuts(final int classes, final Score score) {
		final int bins = GreyHistogram.BINS;
		final int[] cuts = new int[classes - 1];
		final int[] best = new int[classes - 1];
		double bestScore = Double.NEGATIVE_INFINITY;
		if (classes == 2) {
			for (cuts[0] = 1; cuts[0] < bins; cuts[0]++) {
				final double s = score.of(cuts);
				if (s > bestScore) {
					bestScore = s;
					best[0] = cuts[0];
				}
			}
			return best;
		}
		if (classes == 3) {
			for (cuts[0] = 1; cuts[0] < bins - 1; cuts[0]++)
				for (cuts[1] = cuts[0] + 1; cuts[1] < bins; cuts[1]++) {
					final double s = score.of(cuts);
					if (s > bestScore) {
						bestScore = s;
						System.arraycopy(cuts, 0, best, 0, cuts.length);
					}
				}
			return best;
		}
		return improveOneAtATime(classes, score);
	}

	private static int[] improveOneAtATime(final int classes, final Score score) {
		final int bins = GreyHistogram.BINS;
		final int[] cuts = new int[classes - 1];
		for (int k = 0; k < cuts.length; k++)
			cuts[k] = (k + 1) * bins / classes;
		for (boolean changed = true; changed;) {
			changed = false;
			for (int k = 0; k < cuts.length; k++) {
				final int lo = k == 0 ? 1 : cuts[k - 1] + 1;
				final int hi = k == cuts.length - 1 ? bins - 1 : cuts[k + 1] - 1;
				final int original = cuts[k];
				int best = original;
				double bestScore = score.of(cuts);
				for (int c = lo; c <= hi; c++) {
					cuts[k] = c;
					final double s = score.of(cuts);
					if (s > bestScore) {
						bestScore = s;
						best = c;
					}
				}
				cuts[k] = best;
				changed |= best != original;
			}
		}
		return cuts;
	}

	private static double meanDice(final GreyHistogram h, final int[] order, final int[] cuts) {
		final int k = order.length;
		double sum = 0;
		for (int band = 0; band < k; band++) {
			final int phase = order[band];
			final int from = band == 0 ? 0 : cuts[band - 1];
			final int to = band == k - 1 ? GreyHistogram.BINS : cuts[band];
			long predicted = 0;
			for (int c = 0; c < k; c++)
				predicted += h.count(c, from, to);
			final long tp = h.count(phase, from, to);
			final long truth = h.count(phase, 0, GreyHistogram.BINS);
			sum += truth + predicted == 0 ? 1 : 2.0 * tp / (truth + predicted);
		}
		return sum / k;
	}

	private static double betweenClassVariance(final GreyHistogram h, final int[] cuts) {
		double score = 0;
		for (int band = 0; band <= cuts.length; band++) {
			final int from = band == 0 ? 0 : cuts[band - 1];
			final int to = band == cuts.length ? GreyHistogram.BINS : cuts[band];
			final double n = h.totalCount(from, to);
			final double sum = h.binSum(from, to);
			if (n > 0) score += sum * sum / n;
		}
		return score;
	}

	private static int[] phaseOrder(final GreyHistogram h) {
		final double[] means = h.classMeans();
		return IntStream.range(0, means.length).boxed().sorted(Comparator.comparingDouble(c -> Double.isNaN(means[c])
			? Double.MAX_VALUE : means[c])).mapToInt(Integer::intValue).toArray();
	}

	private static double[] edges(final GreyHistogram h, final int[] cuts) {
		return Arrays.stream(cuts).mapToDouble(h::edge).toArray();
	}
}
