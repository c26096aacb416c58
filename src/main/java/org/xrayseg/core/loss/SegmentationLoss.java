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
	/** Neighbour offsets (dy, dx) of {@link #affinity}: right, down and both diagonals. */
	private static final int[][] NEIGHBOURS = { { 0, 1 }, { 1, 0 }, { 1, 1 }, { 1, -1 } };

	private SegmentationLoss() {}

	/** Mean over annotated pixels of -log softmax(logits)[true class]. */
	public static NDArray crossEntropy(final NDArray logits, final NDArray oneHot) {
		return perAnnotatedPixel(logits.logSoftmax(1).mul(oneHot).sum().neg(), oneHot);
	}

	/** @return {@code total} divided by the number of annotated pixels (at least 1) */
	private static NDArray perAnnotatedPixel(final NDArray total, final NDArray oneHot) {
		return total.div(Scalars.atLeast(oneHot.sum(), 1));
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
		return Scalars.times(intersection, 2).add(1).div(sizes.add(1)).mean().neg().add(1);
	}

	/**
	 * Binary cross-entropy of logits against a constant target (1 = real, 0 =
	 * fake), in the numerically stable form max(x, 0) - x t + log(1 + exp(-|x|)).
	 */
	public static NDArray bceWithLogits(final NDArray logits, final float target) {
		final NDArray softplus = logits.abs().neg().exp().add(1).log();
		return Scalars.atLeast(logits, 0).sub(Scalars.times(logits, target)).add(softplus).mean();
	}

	/** Mean absolute difference: L1 written out, since DJL's weighted L1 loss misbehaves. */
	public static NDArray l1(final NDArray a, final NDArray b) {
		return a.sub(b).abs().mean();
	}

	/**
	 * A smoothness prior for sparse labels (the relaxed Potts / CRF loss of
	 * scribble-supervised segmentation): for every pair of neighbouring pixels,
	 * the probability that their predicted phases differ, weighted by how alike
	 * their grey values are, exp(-(g_i - g_j)^2 / (2 sigma^2)). Phases then
	 * change where the grey values do, also far from any annotation.
	 *
	 * @param logits (N, K, H, W) class logits
	 * @param grey (N, 1, H, W) normalised grey values of the slices
	 * @param sigma grey-value difference (normalised units) at which neighbours count as unlike
	 */
	public static NDArray affinity(final NDArray logits, final NDArray grey, final float sigma) {
		final NDArray p = logits.softmax(1);
		final long h = p.getShape().get(2);
		final long w = p.getShape().get(3);
		NDArray sum = null;
		for (final int[] d : NEIGHBOURS) {
			final String a = ":, :, 0:" + (h - d[0]) + ", " + (d[1] >= 0 ? "0:" + (w - d[1]) : "1:" + w);
			final String b = ":, :, " + d[0] + ":" + h + ", " + (d[1] >= 0 ? d[1] + ":" + w : "0:" + (w - 1));
			final NDArray alike = Scalars.times(grey.get(a).sub(grey.get(b)).square(), -0.5f / (sigma * sigma)).exp();
			final NDArray differ = p.get(a).mul(p.get(b)).sum(CLASS_AXIS, true).neg().add(1);
			final NDArray term = differ.mul(alike).mean();
			sum = sum == null ? term : sum.add(term);
		}
		return Scalars.dividedBy(sum, NEIGHBOURS.length);
	}
}
