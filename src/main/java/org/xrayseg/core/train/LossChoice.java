package org.xrayseg.core.train;

import java.util.Arrays;
import java.util.Locale;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import org.xrayseg.core.loss.SegmentationLoss;

/**
 * The loss of a U-Net for its data: cross-entropy, weighted by the phases'
 * rarity (median-frequency balancing, weights limited to 0.2..5) and with the
 * soft Dice added when the phases are unbalanced ({@code class_balance=auto}:
 * one phase more than {@link #IMBALANCE} times as frequent as another), or as
 * asked. For sparse labels (less than {@link #SPARSE} of the pixels
 * annotated) a grey-value smoothness term ({@link SegmentationLoss#affinity})
 * is added, so that phases change where the grey values do between the strokes.
 */
final class LossChoice {

	static final double IMBALANCE = 2;
	static final double SPARSE = 0.5;
	/** Weight and grey-value scale (normalised units) of the smoothness term for sparse labels. */
	static final float AFFINITY_WEIGHT = 1;
	static final float AFFINITY_SIGMA = 0.1f;
	private static final double MIN_WEIGHT = 0.2;
	private static final double MAX_WEIGHT = 5;

	private final float[] weights;
	private final boolean dice;
	private final double annotated;

	private LossChoice(final float[] weights, final boolean dice, final double annotated) {
		this.weights = weights;
		this.dice = dice;
		this.annotated = annotated;
	}

	/**
	 * @param frequencies the phases' share of the labelled training pixels, or null if unknown
	 * @param annotated the share of the training pixels that are annotated (1 for complete labels)
	 */
	static LossChoice of(final TrainingOptions options, final double[] frequencies, final double annotated) {
		final float[] w = balancingWeights(options, frequencies);
		return new LossChoice(w, w != null || options.diceLoss(), annotated);
	}

	/** @return each phase's median-frequency weight, or null if the phases are not to be balanced */
	private static float[] balancingWeights(final TrainingOptions options, final double[] frequencies) {
		if (frequencies == null) return null;
		final double max = Arrays.stream(frequencies).max().orElse(1);
		final double min = Arrays.stream(frequencies).min().orElse(1);
		final boolean balance = options.classBalance().equals("on") || options.classBalance().equals(
			TrainingOptions.AUTO_CHOICE) && max > IMBALANCE * min;
		if (!balance) return null;
		final double[] sorted = frequencies.clone();
		Arrays.sort(sorted);
		final double median = sorted[sorted.length / 2];
		final float[] w = new float[frequencies.length];
		for (int c = 0; c < w.length; c++)
			w[c] = (float) Math.max(MIN_WEIGHT, Math.min(MAX_WEIGHT, median / Math.max(frequencies[c], 1e-6)));
		return w;
	}

	/** @return whether the labels are sparse enough for the smoothness term */
	boolean sparse() {
		return annotated < SPARSE;
	}

	/**
	 * @param logits (N, K, H, W) class logits
	 * @param oneHot (N, K, H, W) labels
	 * @param grey (N, 1, H, W) the normalised slices (for the smoothness term of sparse labels)
	 * @return the scalar loss
	 */
	NDArray of(final NDArray logits, final NDArray oneHot, final NDArray grey, final NDManager manager) {
		NDArray loss = weights == null ? SegmentationLoss.crossEntropy(logits, oneHot) : SegmentationLoss
			.weightedCrossEntropy(logits, oneHot, manager.create(weights, new Shape(1, weights.length, 1, 1)));
		if (dice) loss = loss.add(SegmentationLoss.softDice(logits, oneHot));
		if (sparse()) loss = loss.add(SegmentationLoss.affinity(logits, grey, AFFINITY_SIGMA).mul(AFFINITY_WEIGHT));
		return loss;
	}

	/** @return e.g. "cross-entropy weighted by phase rarity (0.87, 1.00, 2.31) + soft Dice" */
	String describe() {
		final StringBuilder b = new StringBuilder(weights == null ? "cross-entropy" :
			"cross-entropy weighted by phase rarity (");
		if (weights != null) for (int c = 0; c < weights.length; c++)
			b.append(c == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.2f", weights[c]));
		if (weights != null) b.append(')');
		b.append(dice ? " + soft Dice" : "");
		if (sparse()) b.append(String.format(Locale.ROOT, " + grey-value smoothness (sparse labels: %.1f%% of the " +
			"training pixels annotated)", 100 * annotated));
		return b.toString();
	}
}
