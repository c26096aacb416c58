package org.xrayseg.core.model;

import java.util.ArrayList;
import java.util.List;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

import org.xrayseg.core.runtime.TorchScriptOps;

/**
 * The U-Net of {@link UNetTopology} as a DJL block, the form that trains and
 * that model files store: one child block per stage, named after it. With
 * residual blocks at the bottleneck and dropout in the deepest decoder levels
 * it is the Pix2Pix generator.
 * <p>
 * Input (N, C, H, W) float32 normalised grey values (C: the slice and its
 * context slices), H and W multiples of 2^depth; output (N, K, H, W) float32
 * class logits (softmax over axis 1 gives class probabilities).
 */
public final class UNetBlock extends AbstractBlock {

	private static final byte VERSION = 1;

	private final UNetTopology topology;
	private final int classes;
	private final float dropout;
	/** The number format of training's forward and backward passes (weights stay float32). */
	private DataType compute = DataType.FLOAT32;
	/** The child block of each stage of {@link #topology}, by stage index. */
	private final List<Block> stages = new ArrayList<>();
	/** The layers of each stage's units, by stage index. */
	private final List<List<Layers.UnitLayers>> units = new ArrayList<>();

	/**
	 * @param depth number of pooling steps (the image shrinks by 2^depth at the bottom)
	 * @param baseFilters feature maps at full resolution; doubled at every level
	 * @param classes number of output classes
	 * @param batchNorm whether each convolution is followed by batch normalisation
	 * @param residualBlocks residual blocks after the bottleneck (0 for a plain U-Net)
	 * @param dropout dropout rate after the deepest (up to 3) decoder levels during training (0: none)
	 */
	public UNetBlock(final int depth, final int baseFilters, final int classes, final boolean batchNorm,
		final int residualBlocks, final double dropout)
	{
		super(VERSION);
		this.topology = new UNetTopology(depth, baseFilters, classes, batchNorm, residualBlocks);
		this.classes = classes;
		this.dropout = (float) dropout;
		for (final UNetTopology.Stage s : topology.stages()) {
			final Layers.StageLayers layers = Layers.stage(s.units());
			stages.add(addChildBlock(s.name(), layers.block()));
			units.add(layers.units());
		}
	}

	/** Runs the stages as DJL layers, with gradients where the store trains. */
	private class Layered extends Layers.ArrayConvolutions {

		/** The parameters' values (with gradients where training); {@link Mixed} reads them too. */
		final ParameterStore store;
		private final boolean training;

		Layered(final ParameterStore store, final boolean training) {
			this.store = store;
			this.training = training;
		}

		@Override
		public NDArray stage(final int index, final NDArray x) {
			return stages.get(index).forward(store, new NDList(x), training).singletonOrThrow();
		}

		@Override
		public NDArray dropout(final NDArray x) {
			return training && dropout > 0 ? Dropout.dropout(x, dropout, true).singletonOrThrow() : x;
		}
	}

	/**
	 * Runs the stages for a training step in bfloat16 with float32 master
	 * weights: each unit's weights are copied to bfloat16 for the step
	 * ({@link TorchScriptOps#toBFloat16}, which autograd records: their gradients reach the float32 weights), batch
	 * normalisation keeps its parameters and statistics in float32 on the
	 * bfloat16 maps, and the logits come back as float32. Dropout as in
	 * {@link Layered}.
	 */
	private final class Mixed extends Layered {

		Mixed(final ParameterStore store) {
			super(store, true);
		}

		@Override
		public NDArray stage(final int index, final NDArray input) {
			NDArray x = input;
			final Shape one = new Shape(1, 1);
			for (final Layers.UnitLayers u : units.get(index)) {
				final NDArray w = TorchScriptOps.toBFloat16(value(u.conv(), "weight", x), x.getManager());
				final NDArray b = u.unit().bias() ? TorchScriptOps.toBFloat16(value(u.conv(), "bias", x), x
					.getManager()) : null;
				final int p = u.unit().padding();
				x = Conv2d.conv2d(x, w, b, one, new Shape(p, p), one, 1).singletonOrThrow();
				if (u.norm() != null) x = BatchNorm.batchNorm(x, value(u.norm(), "runningMean", x), value(u.norm(),
					"runningVar", x), value(u.norm(), "gamma", x), value(u.norm(), "beta", x), 1,
					Layers.BATCH_NORM_MOMENTUM, Layers.BATCH_NORM_EPSILON, true).singletonOrThrow();
				if (u.unit().relu()) x = Activation.relu(x);
			}
			return x;
		}

		/** @return the trained value of a block's parameter, on {@code x}'s device */
		private NDArray value(final Block block, final String name, final NDArray x) {
			return store.getValue(block.getParameters().get(name), x.getDevice(), true);
		}
	}

	/** Initialises {@code stages} in turn, following the shapes of their maps. */
	private record Initialising(List<Block> stages, NDManager manager, DataType type)
		implements UNetTopology.Convolutions<Shape>
	{

		@Override
		public Shape stage(final int index, final Shape x) {
			return Layers.init(stages.get(index), manager, type, x);
		}

		@Override
		public Shape pool(final Shape x) {
			return new Shape(x.get(0), x.get(1), x.get(2) / 2, x.get(3) / 2);
		}

		@Override
		public Shape upsample(final Shape x) {
			return new Shape(x.get(0), x.get(1), x.get(2) * 2, x.get(3) * 2);
		}

		@Override
		public Shape concat(final Shape up, final Shape skip) {
			return new Shape(up.get(0), up.get(1) + skip.get(1), up.get(2), up.get(3));
		}

		@Override
		public Shape add(final Shape x, final Shape branch) {
			return x;
		}
	}

	@Override
	protected NDList forwardInternal(final ParameterStore store, final NDList inputs, final boolean training,
		final PairList<String, Object> params)
	{
		if (compute == DataType.BFLOAT16 && training) {
			return new NDList(TorchScriptOps.toFloat32(topology.forward(new Mixed(store), TorchScriptOps.toBFloat16(
				inputs.singletonOrThrow()))));
		}
		return new NDList(topology.forward(new Layered(store, training), inputs.singletonOrThrow()));
	}

	@Override
	protected void initializeChildBlocks(final NDManager manager, final DataType dataType, final Shape... inputShapes) {
		topology.forward(new Initialising(stages, manager, dataType), inputShapes[0]);
	}

	/**
	 * @param type {@link DataType#FLOAT32}, or {@link DataType#BFLOAT16} for mixed precision: the forward and
	 *          backward passes in bfloat16 on bfloat16 copies of the float32 weights, made anew every step
	 */
	public void computeIn(final DataType type) {
		if (type != DataType.FLOAT32 && type != DataType.BFLOAT16) throw new IllegalArgumentException(
			"float32 or bfloat16, not " + type);
		compute = type;
	}

	/** @return the description this block runs (for {@link InferenceNetwork}) */
	UNetTopology topology() {
		return topology;
	}

	/** @return the layers of the units of stage {@code index} of {@link #topology()}, in their order */
	List<Layers.UnitLayers> units(final int index) {
		return units.get(index);
	}

	@Override
	public Shape[] getOutputShapes(final Shape[] inputShapes) {
		final Shape in = inputShapes[0];
		return new Shape[] { new Shape(in.get(0), classes, in.get(2), in.get(3)) };
	}
}
