package org.xrayseg.core.train;

import java.nio.ByteBuffer;
import java.util.Arrays;

import org.xrayseg.core.filter.Edge;
import org.xrayseg.core.filter.Gaussian;
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
	 * Computed in Java on copies, apart from the network's tensors, so that
	 * training stays reproducible bit for bit.
	 *
	 * @param logits (N, K, H, W) the network's output on the batch, row-major
	 * @param means the phases' grey values
	 * @param grey (N, 1, H, W) the slices without grey-value augmentation
	 */
	void observe(final float[] logits, final float[] means, final float[] grey, final int n, final int h,
		final int w)
	{
		final int classes = means.length;
		final int area = h * w;
		final float[] hard = new float[n * area];
		for (int b = 0; b < n; b++)
			for (int i = 0; i < area; i++) {
				int best = 0;
				for (int k = 1; k < classes; k++)
					if (logits[(b * classes + k) * area + i] > logits[(b * classes + best) * area + i]) best = k;
				hard[b * area + i] = means[best];
			}
		final int m = ImageFormation.MARGIN;
		for (int s = 0; s < SIGMAS.length; s++) {
			final float[] blurred = hard.clone();
			double sum = 0;
			for (int b = 0; b < n; b++) {
				final int o = b * area;
				// the edge rule does not matter: the kernel does not reach past the margin left out
				Gaussian.blurPlane(blurred, o, w, h, SIGMAS[s], Edge.CLAMP);
				for (int y = m; y < h - m; y++)
					for (int x = m; x < w - m; x++) {
						final double d = blurred[o + y * w + x] - grey[o + y * w + x];
						sum += d * d;
					}
			}
			final double r2 = sum / ((double) n * (h - 2 * m) * (w - 2 * m));
			residual[s] = observed ? (1 - RATE) * residual[s] + RATE * r2 : r2;
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
