package org.xrayseg.core.model;

import java.util.ArrayList;
import java.util.List;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * U-Net (Ronneberger et al. 2015): an encoder of conv-ReLU blocks with 2x2
 * max-pooling, a bottleneck, and a decoder that up-samples (1x1 conv, then
 * nearest-neighbour x2, since the PyTorch engine of DJL has no transposed
 * convolution), concatenates the encoder's feature map of the same scale and
 * applies another conv-ReLU block. With residual blocks at the bottleneck and
 * dropout in the deepest decoder levels it is the Pix2Pix generator.
 * <p>
 * Input (N, 1, H, W) float32 normalised grey values, H and W multiples of
 * 2^depth; output (N, K, H, W) float32 class logits (softmax over axis 1 gives
 * class probabilities).
 */
public final class UNetBlock extends AbstractBlock {

	private static final byte VERSION = 1;

	private final int depth;
	private final int classes;
	private final List<Block> down = new ArrayList<>();
	private final Block bottom;
	private final List<Block> upProject = new ArrayList<>();
	private final List<Block> upMerge = new ArrayList<>();
	private final List<Block> residual = new ArrayList<>();
	private final Block head;
	private final float dropout;

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
		this.depth = depth;
		this.classes = classes;
		this.dropout = (float) dropout;
		for (int d = 0; d < depth; d++)
			down.add(addChildBlock("down" + d, Layers.doubleConv(baseFilters << d, batchNorm)));
		bottom = addChildBlock("bottom", Layers.doubleConv(baseFilters << depth, batchNorm));
		for (int r = 0; r < residualBlocks; r++)
			residual.add(addChildBlock("residual" + r, Layers.residual(baseFilters << depth, batchNorm)));
		for (int d = depth - 1; d >= 0; d--) {
			upProject.add(0, addChildBlock("up" + d + "_project", Layers.conv1x1(baseFilters << d, true)));
			upMerge.add(0, addChildBlock("up" + d + "_merge", Layers.doubleConv(baseFilters << d, batchNorm)));
		}
		head = addChildBlock("head", Layers.conv1x1(classes, true));
	}

	@Override
	protected NDList forwardInternal(final ParameterStore store, final NDList inputs, final boolean training,
		final PairList<String, Object> params)
	{
		NDArray x = inputs.singletonOrThrow();
		final NDArray[] skips = new NDArray[depth];
		for (int d = 0; d < depth; d++) {
			skips[d] = down.get(d).forward(store, new NDList(x), training).singletonOrThrow();
			x = Pool.maxPool2d(skips[d], new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), false);
		}
		x = bottom.forward(store, new NDList(x), training).singletonOrThrow();
		for (final Block r : residual)
			x = x.add(r.forward(store, new NDList(x), training).singletonOrThrow());
		for (int d = depth - 1; d >= 0; d--) {
			x = Layers.upsample2x(upProject.get(d).forward(store, new NDList(x), training).singletonOrThrow());
			x = NDArrays.concat(new NDList(x, skips[d]), 1);
			x = upMerge.get(d).forward(store, new NDList(x), training).singletonOrThrow();
			if (training && dropout > 0 && d >= depth - 3) x = Dropout.dropout(x, dropout, true).singletonOrThrow();
		}
		return head.forward(store, new NDList(x), training);
	}

	@Override
	protected void initializeChildBlocks(final NDManager manager, final DataType dataType, final Shape... inputShapes) {
		Shape s = inputShapes[0];
		final Shape[] skipShapes = new Shape[depth];
		for (int d = 0; d < depth; d++) {
			s = Layers.init(down.get(d), manager, dataType, s);
			skipShapes[d] = s;
			s = new Shape(s.get(0), s.get(1), s.get(2) / 2, s.get(3) / 2);
		}
		s = Layers.init(bottom, manager, dataType, s);
		for (final Block r : residual)
			Layers.init(r, manager, dataType, s);
		for (int d = depth - 1; d >= 0; d--) {
			final Shape projected = Layers.init(upProject.get(d), manager, dataType, s);
			final Shape merged = new Shape(s.get(0), projected.get(1) + skipShapes[d].get(1), skipShapes[d].get(2),
				skipShapes[d].get(3));
			s = Layers.init(upMerge.get(d), manager, dataType, merged);
		}
		Layers.init(head, manager, dataType, s);
	}

	/** @return the encoder's conv blocks, finest level first (for {@link InferenceNetwork}) */
	List<Block> down() {
		return down;
	}

	Block bottom() {
		return bottom;
	}

	List<Block> residual() {
		return residual;
	}

	/** @return the decoder's 1x1 projections before up-sampling, finest level first */
	List<Block> upProject() {
		return upProject;
	}

	/** @return the decoder's conv blocks after concatenation, finest level first */
	List<Block> upMerge() {
		return upMerge;
	}

	Block head() {
		return head;
	}

	@Override
	public Shape[] getOutputShapes(final Shape[] inputShapes) {
		final Shape in = inputShapes[0];
		return new Shape[] { new Shape(in.get(0), classes, in.get(2), in.get(3)) };
	}
}
