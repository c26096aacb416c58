package org.xrayseg.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * The memory layout feature maps are computed in. oneDNN's fast CPU
 * convolutions (forward and both backward passes) work on channels-last maps
 * (NHWC in memory); on PyTorch's default NCHW maps it reorders every map to
 * its blocked layout and back around each convolution, which costs as much as
 * the convolutions of the narrow maps of these networks. A convolution, batch
 * normalisation, ReLU, pooling, nearest up-sampling and a concatenation of
 * channels-last maps give channels-last maps, and autograd's gradients keep
 * the layout of their maps: so a network whose input is channels-last runs in
 * that layout through, in inference and in training.
 */
public final class MemoryLayout {

	private MemoryLayout() {}

	/**
	 * @param x (N, C, H, W) in any layout
	 * @return {@code x} viewed as NCHW over NHWC memory (a copy only if it is not laid out so already), the same
	 *         values and shape
	 */
	public static NDArray channelsLast(final NDArray x) {
		final Shape s = x.getShape();
		final NDArray nhwc = x.transpose(0, 2, 3, 1);
		// reshape copies only where the NHWC view is not contiguous (C > 1 in NCHW memory)
		return nhwc.reshape(s.get(0) * s.get(2) * s.get(3) * s.get(1)).reshape(s.get(0), s.get(2), s.get(3), s.get(1))
			.transpose(0, 3, 1, 2);
	}
}
