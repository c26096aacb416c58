package org.xrayseg.core.loss;

import ai.djl.ndarray.NDArray;

/**
 * Losses of the networks. Class logits, probabilities and one-hot labels are
 * (N, K, H, W) float32; every loss is a float32 scalar. A pixel whose one-hot
 * label is all zero is not annotated (sparse labels): the segmentation losses
 * leave it out.
 */
public final class SegmentationLoss {

	private static final int[] CLASS_AXIS = { 1 };
	private static final int[] ALL_BUT_CLASS = { 0, 2, 3 };

	private SegmentationLoss() {}

	/** Mean over annotated pixels of -log softmax(logits)[true class]. */
	public static NDArray crossEntropy(final NDArray logits, final NDArray oneHot) {
		return perAnnotatedPixel(logits.logSoftmax(1).mul(oneHot).sum().neg(), oneHot);
	}

	/** @return {@code total} divided by the number of annotated pixels (at least 1) */
	private static NDArray perAnnotatedPixel(final NDArray total, final NDArray oneHot) {
		return total.div(oneHot.sum().maximum(1));
	}

	/**
	 * Mean over pixels of -w[true class] log softmax(logits)[true class].
	 *
	 * @param weights (1, K, 1, 1) float32 weight of each class
	 */
	public static NDArray weightedCrossEntropy(final NDArray logits, final NDArray oneHot, final NDArray weights) {
		return perAnnotatedPixel(logits.logSoftmax(1).mul(oneHot).mul(weights).sum().neg(), oneHot);
	}

	/**
	 * 1 - mean over classes of the soft Dice between softmax(logits) and the
	 * labels over the annotated pixels (smoothed by 1 pixel).
	 */
	public static NDArray softDice(final NDArray logits, final NDArray oneHot) {
		final NDArray p = logits.softmax(1).mul(oneHot.sum(CLASS_AXIS, true));
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
