package org.xrayseg.core.loss;

import ai.djl.ndarray.NDArray;

/**
 * Losses of the networks. Class logits, probabilities and one-hot labels are
 * (N, K, H, W) float32; every loss is a float32 scalar.
 */
public final class SegmentationLoss {

	private static final int[] CLASS_AXIS = { 1 };
	private static final int[] ALL_BUT_CLASS = { 0, 2, 3 };

	private SegmentationLoss() {}

	/** Mean over pixels of -log softmax(logits)[true class]. */
	public static NDArray crossEntropy(final NDArray logits, final NDArray oneHot) {
		return logits.logSoftmax(1).mul(oneHot).sum(CLASS_AXIS).mean().neg();
	}

	/**
	 * Mean over pixels of -w[true class] log softmax(logits)[true class].
	 *
	 * @param weights (1, K, 1, 1) float32 weight of each class
	 */
	public static NDArray weightedCrossEntropy(final NDArray logits, final NDArray oneHot, final NDArray weights) {
		return logits.logSoftmax(1).mul(oneHot).mul(weights).sum(CLASS_AXIS).mean().neg();
	}

	/** 1 - mean over classes of the soft Dice between softmax(logits) and the labels (smoothed by 1 pixel). */
	public static NDArray softDice(final NDArray logits, final NDArray oneHot) {
		final NDArray p = logits.softmax(1);
		final NDArray intersection = p.mul(oneHot).sum(ALL_BUT_CLASS);
		final NDArray sizes = p.sum(ALL_BUT_CLASS).add(oneHot.sum(ALL_BUT_CLASS));
		return intersection.mul(2).add(1).div(sizes.add(1)).mean().neg().add(1);
	}

	/**
	 * Binary cross-entropy of logits against a constant target (1 = real, 0 =
	 * fake), in the numerically stable form max(x, 0) - x t + log(1 + exp(-|x|)).
	 */
	public static NDArray bceWithLogits(final NDArray logits, final float target) {
		final NDArray softplus = logits.abs().neg().exp().add(1).log();
		return logits.maximum(0).sub(logits.mul(target)).add(softplus).mean();
	}

	/** Mean absolute difference: L1 written out, since DJL's weighted L1 loss misbehaves. */
	public static NDArray l1(final NDArray a, final NDArray b) {
		return a.sub(b).abs().mean();
	}
}
