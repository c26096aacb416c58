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
 * asked.
 */
final class LossChoice {

	static final double IMBALANCE = 2;
	private static final double MIN_WEIGHT = 0.2;
	private static final double MAX_WEIGHT = 5;

	private final float[] weights;
	private final boolean dice;

	private LossChoice(final float[] weights, final boolean dice) {
		this.weights = weights;
		this.dice = dice;
	}

	/** @param frequencies the phases' share of the labelled training pixels, or null if unknown */
	static LossChoice of(final TrainingOptions options, final double[] frequencies) {
		if (frequencies == null) return new LossChoice(null, options.diceLoss());
		final double max = Arrays.stream(frequencies).max().orElse(1);
		final double min = Arrays.stream(frequencies).min().orElse(1);
		final boolean balance = options.classBalance().equals("on") || options.classBalance().equals(
			TrainingOptions.AUTO_CHOICE) && max > IMBALANCE * min;
		if (!balance) return new LossChoice(null, options.diceLoss());
		final double[] sorted = frequencies.clone();
		Arrays.sort(sorted);
		final double median = sorted[sorted.length / 2];
		final float[] w = new float[frequencies.length];
		for (int c = 0; c < w.length; c++)
			w[c] = (float) Math.max(MIN_WEIGHT, Math.min(MAX_WEIGHT, median / Math.max(frequencies[c], 1e-6)));
		return new LossChoice(w, true);
	}

	/**
	 * @param logits (N, K, H, W) class logits
	 * @param oneHot (N, K, H, W) labels
	 * @return the scalar loss
	 */
	NDArray of(final NDArray logits, final NDArray oneHot, final NDManager manager) {
		NDArray loss = weights == null ? SegmentationLoss.crossEntropy(logits, oneHot) : SegmentationLoss
			.weightedCrossEntropy(logits, oneHot, manager.create(weights, new Shape(1, weights.length, 1, 1)));
		if (dice) loss = loss.add(SegmentationLoss.softDice(logits, oneHot));
		return loss;
	}

	/** @return e.g. "cross-entropy weighted by phase rarity (0.87, 1.00, 2.31) + soft Dice" */
	String describe() {
		final StringBuilder b = new StringBuilder(weights == null ? "cross-entropy" :
			"cross-entropy weighted by phase rarity (");
		if (weights != null) for (int c = 0; c < weights.length; c++)
			b.append(c == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.2f", weights[c]));
		if (weights != null) b.append(')');
		return b.append(dice ? " + soft Dice" : "").toString();
	}
}
