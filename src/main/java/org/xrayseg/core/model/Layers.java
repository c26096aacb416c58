package org.xrayseg.core.model;

import java.util.ArrayList;
import java.util.List;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;

/** Building blocks shared by the networks. All tensors are NCHW float32. */
final class Layers {

	/**
	 * DJL's default epsilon of batch normalisation, set explicitly because it is
	 * not stored in model files and {@link InferenceNetwork} folds it into the
	 * convolutions.
	 */
	static final float BATCH_NORM_EPSILON = 1e-5f;

	/** DJL's default momentum of the running statistics of batch normalisation, set explicitly as the epsilon. */
	static final float BATCH_NORM_MOMENTUM = 0.9f;

	/**
	 * The DJL layers of one {@link ConvUnit}, kept for {@link InferenceNetwork} to fold.
	 *
	 * @param norm null without batch normalisation
	 */
	record UnitLayers(ConvUnit unit, Conv2d conv, BatchNorm norm) {}

	/**
	 * A stage as DJL layers.
	 *
	 * @param block what trains and is saved: a lone convolution as itself, else a sequence of each unit's
	 *          convolution, batch normalisation and ReLU
	 * @param units the layers of each unit, in the stage's order
	 */
	record StageLayers(Block block, List<UnitLayers> units) {}

	private Layers() {}

	/**
	 * What every run of {@link UNetTopology} on arrays does alike between the
	 * stages; the maps keep their memory layout.
	 */
	abstract static class ArrayConvolutions implements UNetTopology.Convolutions<NDArray> {

		@Override
		public NDArray pool(final NDArray x) {
			return Pool.maxPool2d(x, new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), false);
		}

		/**
		 * Nearest-neighbour up-sampling by 2, (N, C, H, W) to (N, C, 2H, 2W): PyTorch's nearest interpolation,
		 * which keeps a channels-last layout (a repeat along each axis, the same values, does not).
		 */
		@Override
		public NDArray upsample(final NDArray x) {
			final Shape s = x.getShape();
			return x.getNDArrayInternal().interpolation(new long[] { 2 * s.get(2), 2 * s.get(3) }, 0, false);
		}

		@Override
		public NDArray concat(final NDArray up, final NDArray skip) {
			return NDArrays.concat(new NDList(up, skip), 1);
		}

		@Override
		public NDArray add(final NDArray x, final NDArray branch) {
			return x.add(branch);
		}
	}

	/** @return the DJL layers that run {@code units} in turn */
	static StageLayers stage(final List<ConvUnit> units) {
		final List<UnitLayers> layers = new ArrayList<>();
		for (final ConvUnit u : units)
			layers.add(new UnitLayers(u, conv(u), u.batchNorm() ? batchNorm() : null));
		final UnitLayers first = layers.get(0);
		if (layers.size() == 1 && first.norm() == null && !first.unit().relu()) return new StageLayers(first.conv(),
			layers);
		final SequentialBlock block = new SequentialBlock();
		for (final UnitLayers l : layers) {
			block.add(l.conv());
			if (l.norm() != null) block.add(l.norm());
			if (l.unit().relu()) block.add(Activation.reluBlock());
		}
		return new StageLayers(block, layers);
	}

	private static Conv2d conv(final ConvUnit u) {
		return Conv2d.builder().setKernelShape(new Shape(u.kernel(), u.kernel())).optPadding(new Shape(u.padding(),
			u.padding())).setFilters(u.filters()).optBias(u.bias()).build();
	}

	private static BatchNorm batchNorm() {
		return BatchNorm.builder().optEpsilon(BATCH_NORM_EPSILON).optMomentum(BATCH_NORM_MOMENTUM).build();
	}

	/** 4x4 convolution with stride {@code stride} and padding {@code padding}, as in PatchGAN. */
	static Block conv4x4(final int filters, final int stride, final int padding) {
		return Conv2d.builder().setKernelShape(new Shape(4, 4)).optStride(new Shape(stride, stride)).optPadding(
			new Shape(padding, padding)).setFilters(filters).build();
	}

	/** Initialises {@code block} for {@code input} and returns its output shape. */
	static Shape init(final Block block, final NDManager manager, final DataType type, final Shape input) {
		block.initialize(manager, type, input);
		return block.getOutputShapes(new Shape[] { input })[0];
	}
}
