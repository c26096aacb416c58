package org.xrayseg.core.model;

import java.util.ArrayList;
import java.util.List;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

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
	private final class Layered extends Layers.ArrayConvolutions {

		private final ParameterStore store;
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
		return new NDList(topology.forward(new Layered(store, training), inputs.singletonOrThrow()));
	}

	@Override
	protected void initializeChildBlocks(final NDManager manager, final DataType dataType, final Shape... inputShapes) {
		topology.forward(new Initialising(stages, manager, dataType), inputShapes[0]);
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
