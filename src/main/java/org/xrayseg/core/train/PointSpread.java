package org.xrayseg.core.train;

import java.nio.ByteBuffer;
import java.util.Arrays;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

import org.xrayseg.core.loss.ImageFormation;

/**
 * Estimates the instrument's point spread while a network trains on sparse
 * labels: after each step, the network's hard segmentation of the batch, given
 * the phases' grey values and blurred by each candidate width, is compared
 * with the slices; a running mean of those differences picks the width that
 * explains the images best. The estimate improves with the segmentation, and
 * the segmentation with the estimate.
 */
final class PointSpread {

	/** Candidate widths (Gaussian sigma, pixels). */
	static final float[] SIGMAS = { 0, 0.5f, 0.75f, 1, 1.25f, 1.5f, 2, ImageFormation.MAX_SIGMA };
	/** Weight of the newest batch in the running mean. */
	private static final double RATE = 0.05;

	private final double[] residual = new double[SIGMAS.length];
	private boolean observed;

	/**
	 * @param logits (N, K, H, W) the network's output on the batch
	 * @param means (1, K, 1, 1) the phases' grey values
	 * @param grey (N, 1, H, W) the slices without grey-value augmentation
	 */
	void observe(final NDArray logits, final NDArray means, final NDArray grey) {
		final int classes = (int) logits.getShape().get(1);
		final NDArray hard = logits.argMax(1).oneHot(classes).transpose(0, 3, 1, 2).toType(DataType.FLOAT32, false);
		for (int i = 0; i < SIGMAS.length; i++) {
			final double r = ImageFormation.residual(ImageFormation.predict(hard, means, SIGMAS[i]), grey).getFloat();
			residual[i] = observed ? (1 - RATE) * residual[i] + RATE * r : r;
		}
		observed = true;
	}

	/** @return the width that explains the slices best so far (1 pixel before any batch) */
	float sigma() {
		if (!observed) return 1;
		int best = 0;
		for (int i = 1; i < SIGMAS.length; i++)
			if (residual[i] < residual[best]) best = i;
		return SIGMAS[best];
	}

	/** @return the running means, to checkpoint */
	byte[] state() {
		final ByteBuffer b = ByteBuffer.allocate(1 + 8 * residual.length);
		b.put((byte) (observed ? 1 : 0));
		Arrays.stream(residual).forEach(b::putDouble);
		return b.array();
	}

	void restore(final byte[] state) {
		final ByteBuffer b = ByteBuffer.wrap(state);
		observed = b.get() == 1;
		for (int i = 0; i < residual.length; i++)
			residual[i] = b.getDouble();
	}
}
