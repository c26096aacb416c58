package org.xrayseg.core.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The one description of the U-Net (Ronneberger et al. 2015) and of the
 * Pix2Pix generator built on it: which convolution units it has, grouped in
 * stages, and how feature maps flow between the stages. An encoder stage of two
 * 3x3 units per level, each level's output kept as a skip and 2x2 max-pooled; a
 * bottleneck stage; residual stages (two 3x3 units, the second without ReLU,
 * added to their input); per decoder level a 1x1 projection, nearest-neighbour
 * up-sampling by 2 (the PyTorch engine of DJL has no transposed convolution),
 * concatenation with the skip (up-sampled map first) and a stage of two 3x3
 * units; a 1x1 head to the class logits.
 * <p>
 * Who runs it says how, through {@link Convolutions}: {@link UNetBlock} with DJL
 * layers (training and its inference mode) and with shapes (initialisation),
 * {@link InferenceNetwork} with folded convolutions.
 */
final class UNetTopology {

	/**
	 * A way to run the network's stages and the operations between them on
	 * feature maps of type {@code T} (an NCHW array, or its shape).
	 */
	interface Convolutions<T> {

		/** @return the units of stage {@code index} of {@link #stages()} applied in turn to {@code x} */
		T stage(int index, T x);

		/** @return 2x2 max-pooling with stride 2: (N, C, H, W) to (N, C, H/2, W/2) */
		T pool(T x);

		/** @return nearest-neighbour up-sampling by 2: (N, C, H, W) to (N, C, 2H, 2W) */
		T upsample(T x);

		/** @return (N, C1 + C2, H, W): {@code up}'s channels, then {@code skip}'s */
		T concat(T up, T skip);

		/** @return the element-wise sum of a residual stage's input and output */
		T add(T x, T branch);

		/** @return {@code x} after the dropout of the deepest decoder levels (training only) */
		default T dropout(final T x) {
			return x;
		}

		/** Says that the network no longer needs {@code x} (never its input): inference frees it. */
		default void release(final T x) {}
	}

	/**
	 * @param name the name of the stage's block in {@link UNetBlock}, part of the parameter names in model files
	 * @param units the stage's convolution units, in the order they run
	 */
	record Stage(String name, List<ConvUnit> units) {}

	/** Dropout follows this many of the deepest decoder levels. */
	private static final int DROPOUT_LEVELS = 3;

	private final int depth;
	private final List<Stage> stages = new ArrayList<>();
	private final int[] down;
	private final int bottom;
	private final int[] residual;
	private final int[] project;
	private final int[] merge;
	private final int head;

	/** See {@link UNetBlock#UNetBlock} for the parameters. */
	UNetTopology(final int depth, final int baseFilters, final int classes, final boolean batchNorm,
		final int residualBlocks)
	{
		this.depth = depth;
		down = new int[depth];
		residual = new int[residualBlocks];
		project = new int[depth];
		merge = new int[depth];
		for (int d = 0; d < depth; d++)
			down[d] = add("down" + d, doubleConv(baseFilters << d, batchNorm));
		bottom = add("bottom", doubleConv(baseFilters << depth, batchNorm));
		for (int r = 0; r < residualBlocks; r++)
			residual[r] = add("residual" + r, List.of(conv3x3(baseFilters << depth, batchNorm), new ConvUnit(3,
				baseFilters << depth, batchNorm, false)));
		for (int d = depth - 1; d >= 0; d--) {
			project[d] = add("up" + d + "_project", List.of(conv1x1(baseFilters << d)));
			merge[d] = add("up" + d + "_merge", doubleConv(baseFilters << d, batchNorm));
		}
		head = add("head", List.of(conv1x1(classes)));
	}

	/** @return the stages in the order of their blocks in {@link UNetBlock} (and of their weights in model files) */
	List<Stage> stages() {
		return Collections.unmodifiableList(stages);
	}

	/**
	 * Runs the network.
	 *
	 * @param input (N, C, H, W) with H and W multiples of 2^depth; never released
	 * @return (N, classes, H, W) logits
	 */
	<T> T forward(final Convolutions<T> c, final T input) {
		final List<T> skips = new ArrayList<>();
		T x = input;
		for (int d = 0; d < depth; d++) {
			skips.add(c.stage(down[d], x));
			if (x != input) c.release(x);
			x = c.pool(skips.get(d));
		}
		x = next(c, input, x, c.stage(bottom, x));
		for (final int r : residual) {
			final T branch = c.stage(r, x);
			x = next(c, input, x, c.add(x, branch));
			c.release(branch);
		}
		for (int d = depth - 1; d >= 0; d--) {
			x = next(c, input, x, c.stage(project[d], x));
			x = next(c, input, x, c.upsample(x));
			x = next(c, input, x, c.concat(x, skips.get(d)));
			c.release(skips.get(d));
			x = next(c, input, x, c.stage(merge[d], x));
			if (d >= depth - DROPOUT_LEVELS) x = c.dropout(x);
		}
		return next(c, input, x, c.stage(head, x));
	}

	/** Releases {@code used} (unless it is the network's input) and returns {@code next}. */
	private static <T> T next(final Convolutions<T> c, final T input, final T used, final T next) {
		if (used != input) c.release(used);
		return next;
	}

	private int add(final String name, final List<ConvUnit> units) {
		stages.add(new Stage(name, units));
		return stages.size() - 1;
	}

	private static List<ConvUnit> doubleConv(final int filters, final boolean batchNorm) {
		return List.of(conv3x3(filters, batchNorm), conv3x3(filters, batchNorm));
	}

	/** 3x3 convolution, optional batch norm, ReLU. */
	private static ConvUnit conv3x3(final int filters, final boolean batchNorm) {
		return new ConvUnit(3, filters, batchNorm, true);
	}

	/** 1x1 convolution with bias, nothing after it. */
	private static ConvUnit conv1x1(final int filters) {
		return new ConvUnit(1, filters, false, false);
	}
}
