package org.xrayseg.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;

/** Building blocks shared by the networks. All tensors are NCHW float32. */
final class Layers {

	/**
	 * DJL's default epsilon of batch normalisation, set explicitly because it is
	 * not stored in model files and {@link InferenceNetwork} folds it into the
	 * convolutions.
	 */
	static final float BATCH_NORM_EPSILON = 1e-5f;

	private Layers() {}

	/** 3x3 convolution ('same' padding), optional batch norm, ReLU, twice. */
	static Block doubleConv(final int filters, final boolean batchNorm) {
		final SequentialBlock block = new SequentialBlock();
		for (int i = 0; i < 2; i++) {
			block.add(conv3x3(filters, !batchNorm));
			if (batchNorm) block.add(batchNorm());
			block.add(Activation.reluBlock());
		}
		return block;
	}

	/** The residual branch: conv-BN-ReLU-conv-BN, same channels; the caller adds its input. */
	static Block residual(final int filters, final boolean batchNorm) {
		final SequentialBlock block = new SequentialBlock();
		block.add(conv3x3(filters, !batchNorm));
		if (batchNorm) block.add(batchNorm());
		block.add(Activation.reluBlock());
		block.add(conv3x3(filters, !batchNorm));
		if (batchNorm) block.add(batchNorm());
		return block;
	}

	private static Block batchNorm() {
		return BatchNorm.builder().optEpsilon(BATCH_NORM_EPSILON).build();
	}

	/** 4x4 convolution with stride {@code stride} and padding 1, as in PatchGAN. */
	static Block conv4x4(final int filters, final int stride) {
		return Conv2d.builder().setKernelShape(new Shape(4, 4)).optStride(new Shape(stride, stride)).optPadding(
			new Shape(1, 1)).setFilters(filters).build();
	}

	static Block conv3x3(final int filters, final boolean bias) {
		return Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(filters)
			.optBias(bias).build();
	}

	static Block conv1x1(final int filters, final boolean bias) {
		return Conv2d.builder().setKernelShape(new Shape(1, 1)).setFilters(filters).optBias(bias).build();
	}

	/**
	 * Nearest-neighbour up-sampling by 2: (N, C, H, W) to (N, C, 2H, 2W). (Training
	 * keeps this form; {@link InferenceNetwork} uses PyTorch's nearest
	 * interpolation, which gives the same values and keeps a channels-last layout.)
	 */
	static NDArray upsample2x(final NDArray x) {
		return x.repeat(2, 2).repeat(3, 2);
	}

	/** Initialises {@code block} for {@code input} and returns its output shape. */
	static Shape init(final Block block, final NDManager manager, final DataType type, final Shape input) {
		block.initialize(manager, type, input);
		return block.getOutputShapes(new Shape[] { input })[0];
	}
}
