package org.xrayseg.core.loss;

import ai.djl.ndarray.NDArray;

import org.xrayseg.core.filter.Gaussian;

/**
 * The image a segmentation predicts, as X-ray CT forms it: every pixel has its
 * phase's grey value, and the instrument blurs that map by its point spread (a
 * Gaussian), which gives the partial-volume grey values at phase boundaries.
 * Comparing that prediction with the slice tells where boundaries lie between
 * sparse annotations, which stay inside the phases.
 * <p>
 * Arrays are (N, C, H, W) float32; results are cropped by a fixed
 * {@code margin} on every side, so that blurs of different widths compare
 * alike and no pixel depends on the patch's border.
 */
public final class ImageFormation {

	/** The widest point spread used (pixels); its blur reaches {@link #MARGIN} pixels. */
	public static final float MAX_SIGMA = 2.5f;
	public static final int MARGIN = Gaussian.radius(MAX_SIGMA);

	private ImageFormation() {}

	/**
	 * @param probabilities (N, K, H, W) phase probabilities (or one-hot)
	 * @param means (1, K, 1, 1) grey value of each phase
	 * @param sigma point spread (pixels; 0 for none, at most {@link #MAX_SIGMA})
	 * @return (N, 1, H - 2 MARGIN, W - 2 MARGIN) the predicted slice
	 */
	public static NDArray predict(final NDArray probabilities, final NDArray means, final float sigma) {
		return blur(probabilities.mul(means).sum(new int[] { 1 }, true), sigma);
	}

	/** @return the mean squared difference between {@code predicted} and the same (cropped) pixels of {@code grey} */
	public static NDArray residual(final NDArray predicted, final NDArray grey) {
		return predicted.sub(crop(grey)).square().mean();
	}

	/**
	 * Separable Gaussian blur ({@link Gaussian#floatKernel}) written as shifted
	 * sums (no convolution kernel of few output channels, whose gradients
	 * oneDNN gets wrong on some CPUs); only pixels the kernel reaches within
	 * {@code x} are kept, so there is no edge to choose.
	 *
	 * @return (N, C, H - 2 MARGIN, W - 2 MARGIN) the blurred centre of {@code x}
	 */
	public static NDArray blur(final NDArray x, final float sigma) {
		if (sigma <= 0) return crop(x);
		final float[] k = Gaussian.floatKernel(sigma);
		final int r = k.length / 2;
		final long h = x.getShape().get(2);
		final long w = x.getShape().get(3);
		NDArray rows = null;
		for (int i = -r; i <= r; i++) {
			final NDArray t = Scalars.times(x.get(":, :, :, " + (MARGIN + i) + ":" + (w - MARGIN + i)), k[i + r]);
			rows = rows == null ? t : rows.add(t);
		}
		NDArray out = null;
		for (int i = -r; i <= r; i++) {
			final NDArray t = Scalars.times(rows.get(":, :, " + (MARGIN + i) + ":" + (h - MARGIN + i) + ", :"), k[i
				+ r]);
			out = out == null ? t : out.add(t);
		}
		return out;
	}

	/** @return {@code x} without {@link #MARGIN} pixels on every side */
	private static NDArray crop(final NDArray x) {
		final long h = x.getShape().get(2);
		final long w = x.getShape().get(3);
		return x.get(":, :, " + MARGIN + ":" + (h - MARGIN) + ", " + MARGIN + ":" + (w - MARGIN));
	}
}
