package org.xrayseg.core.model;

/**
 * One convolution unit of a network: a {@code kernel} x {@code kernel}
 * convolution with stride 1 and 'same' padding, then batch normalisation
 * (where {@code batchNorm}; the convolution has a bias only without it), then a
 * ReLU (where {@code relu}). Training runs it as DJL layers ({@link Layers#stage}),
 * inference as one convolution with the normalisation folded in
 * ({@link InferenceNetwork}).
 *
 * @param kernel side of the (odd) kernel
 * @param filters output channels
 * @param batchNorm batch normalisation after the convolution
 * @param relu ReLU at the end
 */
record ConvUnit(int kernel, int filters, boolean batchNorm, boolean relu) {

	/** @return the padding on each side that keeps the map's size */
	int padding() {
		return kernel / 2;
	}

	/** @return whether the convolution has its own bias (batch normalisation brings one otherwise) */
	boolean bias() {
		return !batchNorm;
	}
}
