package org.xrayseg.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import org.xrayseg.core.loss.ImageFormation;
import org.xrayseg.core.loss.Scalars;
import org.xrayseg.core.loss.SegmentationLoss;

/** The loss a U-Net step minimises: the terms its {@link LossPlan} chose, weighted. */
final class UNetLoss {

	/**
	 * Weight and grey-value scale (normalised units) of the smoothness term for
	 * sparse labels; with the image-formation fit it weighs more (measured on
	 * strokes of the synthetic volume and of the SOC data, bench/RESULTS.md).
	 */
	static final float AFFINITY_WEIGHT = 1;
	static final float AFFINITY_WEIGHT_WITH_FIT = 4;
	static final float AFFINITY_SIGMA = 0.1f;
	/** Weight of the image-formation fit (its mean squared difference in units of the variance within the phases). */
	static final float FIT_WEIGHT = 0.4f;
	/** The least variance within the phases that the fit is divided by (noise-free images: normalised units). */
	static final double MIN_VARIANCE = 1e-4;

	private UNetLoss() {}

	/**
	 * @param logits (N, K, H, W) class logits
	 * @param oneHot (N, K, H, W) labels
	 * @param grey (N, 1, H, W) the normalised slices (for the smoothness term of sparse labels)
	 * @param plain (N, 1, H, W) the same without grey-value augmentation (for the image-formation fit)
	 * @param pointSpread the point spread (pixels) of the image-formation fit, see {@link PointSpread}
	 * @return the scalar loss, float32
	 */
	static NDArray compute(final LossPlan plan, final NDArray logits, final NDArray oneHot, final NDArray grey,
		final NDArray plain, final float pointSpread, final NDManager manager)
	{
		final float[] weights = plan.weights();
		NDArray loss = weights == null ? SegmentationLoss.crossEntropy(logits, oneHot) : SegmentationLoss
			.weightedCrossEntropy(logits, oneHot, manager.create(weights, new Shape(1, weights.length, 1, 1)));
		if (plan.dice()) loss = loss.add(SegmentationLoss.softDice(logits, oneHot));
		if (plan.sparse()) loss = loss.add(Scalars.times(SegmentationLoss.affinity(logits, grey, AFFINITY_SIGMA), plan
			.fit() ? AFFINITY_WEIGHT_WITH_FIT : AFFINITY_WEIGHT));
		if (plan.fit()) {
			final PhaseGrey phases = plan.phases();
			final NDArray means = manager.create(phases.means(), new Shape(1, phases.means().length, 1, 1));
			final NDArray predicted = ImageFormation.predict(logits.softmax(1), means, pointSpread);
			loss = loss.add(Scalars.times(ImageFormation.residual(predicted, plain), (float) (FIT_WEIGHT / Math.max(
				MIN_VARIANCE, phases.within()))));
		}
		return loss;
	}
}
