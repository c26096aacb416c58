package org.xrayseg.core.model;

import java.util.ArrayList;
import java.util.List;

import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xrayseg.core.convert.NativeFloats;
import org.xrayseg.core.runtime.TorchScriptOps;

/**
 * The network of a {@link SegmentationModel} prepared for inference, computing
 * what {@link UNetBlock} computes outside training, faster: the same
 * {@link UNetTopology}, with its convolution units run another way.
 * <ul>
 * <li>batch normalisation is folded into the convolution before it (weights
 * scaled, a bias added), which saves a pass over every feature map; each
 * unit's layers are taken from the block by the unit's place in the
 * topology;</li>
 * <li>feature maps are channels-last ({@link MemoryLayout}), as in training;</li>
 * <li>weights and feature maps are in the chosen data type: float32, or
 * bfloat16 where the processor computes it natively (the logits come back as
 * float32);</li>
 * <li>on the CPU, each convolution runs with its ReLU fused, as oneDNN's
 * inference kernel ({@link TorchScriptOps}), about twice as fast for the
 * 16-channel maps as a convolution and a separate ReLU;</li>
 * <li>intermediate maps are freed as soon as they are used.</li>
 * </ul>
 * The weights are copied when this is made: a model that trains on needs a new
 * one. Owns native memory: close it.
 */
public final class InferenceNetwork implements AutoCloseable {

	private static final Logger LOG = LoggerFactory.getLogger(InferenceNetwork.class);

	/** One convolution with the batch normalisation after it folded in, and an optional ReLU. */
	private record FusedConv(NDArray weight, NDArray bias, int padding, boolean relu) {

		/** @param fused with oneDNN's convolution with fused ReLU, else with DJL's convolution and ReLU */
		NDArray apply(final NDArray x, final boolean fused) {
			return TorchScriptOps.convolution(x, weight, bias, padding, relu, fused);
		}
	}

	/**
	 * One network's folded convolutions, run on channels-last maps of the chosen
	 * type; each map is freed as soon as the network no longer needs it.
	 */
	private final class Graph extends Layers.ArrayConvolutions {

		private final UNetTopology topology;
		/** The folded units of each stage, by stage index. */
		private final List<List<FusedConv>> stages = new ArrayList<>();

		Graph(final UNetBlock net) {
			topology = net.topology();
			for (int i = 0; i < topology.stages().size(); i++) {
				final List<FusedConv> units = new ArrayList<>();
				for (final Layers.UnitLayers u : net.units(i))
					units.add(fold(u));
				stages.add(units);
			}
		}

		@Override
		public NDArray stage(final int index, final NDArray input) {
			NDArray x = input;
			for (final FusedConv c : stages.get(index)) {
				final NDArray y = c.apply(x, fused);
				if (x != input) x.close();
				x = y;
			}
			return x;
		}

		@Override
		public void release(final NDArray x) {
			x.close();
		}
	}

	private final NDManager manager;
	private final DataType type;
	/** Whether convolutions run fused with their ReLU (CPU); false after oneDNN refused once. */
	private volatile boolean fused;
	/** One graph per network of the model: several for a cross-validation ensemble. */
	private final List<Graph> graphs = new ArrayList<>();

	private InferenceNetwork(final List<Block> nets, final NDManager manager, final DataType type) {
		this.manager = manager;
		this.type = type;
		this.fused = !manager.getDevice().isGpu() && TorchScriptOps.fusedConvolutionAvailable();
		for (final Block net : nets)
			graphs.add(new Graph((UNetBlock) net));
	}

	/**
	 * @param type {@link DataType#FLOAT32} or {@link DataType#BFLOAT16}
	 * @return the model's network (every network of an ensemble) with its current weights, on the model's device
	 */
	public static InferenceNetwork of(final SegmentationModel model, final DataType type) {
		if (type != DataType.FLOAT32 && type != DataType.BFLOAT16) throw new IllegalArgumentException(
			"float32 or bfloat16, not " + type);
		final NDManager m = model.djlModel().getNDManager().newSubManager();
		try {
			return new InferenceNetwork(model.blocks(), m, type);
		}
		catch (final RuntimeException e) {
			m.close();
			throw e;
		}
	}

	/** @return the number of networks run for every input (several for an ensemble) */
	public int networks() {
		return graphs.size();
	}

	/** @return the data type of the weights and feature maps */
	public DataType dataType() {
		return type;
	}

	/**
	 * Runs the network. Every array made on the way is attached to
	 * {@code input}'s manager (or closed when no longer needed).
	 *
	 * @param input (N, C, H, W) float32 normalised grey values, any memory layout;
	 *          H and W multiples of {@link NetworkSpec#sizeMultiple()}
	 * @return (N, K, H, W) float32 logits (in channels-last memory layout); for an ensemble the logarithm of
	 *         the mean of its networks' class probabilities, whose softmax is that mean
	 */
	public NDArray logits(final NDArray input) {
		if (graphs.size() == 1) return logits(graphs.get(0), input);
		NDArray sum = null;
		for (final Graph g : graphs) {
			final NDArray l = logits(g, input);
			final NDArray p = l.softmax(1);
			l.close();
			if (sum == null) sum = p;
			else {
				sum.addi(p);
				p.close();
			}
		}
		return replace(sum, sum.divi((float) graphs.size()).log());
	}

	/**
	 * The logits as {@link #logits} computes them, read as float where they lie: a bfloat16 network's own
	 * bfloat16 values (which are floats exactly), without the pass over them that converts them to float32.
	 *
	 * @param input as for {@link #logits}
	 * @return (N, H, W, K) values of the logits, channels-last (each pixel's classes together)
	 */
	public NativeFloats channelsLastLogits(final NDArray input) {
		if (graphs.size() > 1 || type == DataType.FLOAT32) return NativeFloats.of(logits(input).transpose(0, 2, 3, 1));
		return NativeFloats.ofBFloat16(logits(graphs.get(0), input, false).transpose(0, 2, 3, 1));
	}

	private NDArray logits(final Graph g, final NDArray input) {
		return logits(g, input, true);
	}

	/** @param float32 the logits converted to float32 (else in the network's type) */
	private NDArray logits(final Graph g, final NDArray input, final boolean float32) {
		if (fused) {
			try {
				return forward(g, input, float32);
			}
			catch (final EngineException e) {
				// oneDNN computes bfloat16 only with AVX-512 (or where it is capped below it): unfused, PyTorch can
				fused = false;
				LOG.debug("Fused convolutions refused ({}); running them unfused", e.getMessage());
			}
		}
		return forward(g, input, float32);
	}

	private NDArray forward(final Graph g, final NDArray input, final boolean float32) {
		final NDArray in = MemoryLayout.channelsLast(input);
		final NDArray x = type == DataType.FLOAT32 ? in : TorchScriptOps.toBFloat16(in);
		final NDArray logits = g.topology.forward(g, x);
		return type == DataType.FLOAT32 || !float32 ? logits : replace(logits, logits.toType(DataType.FLOAT32, false));
	}

	/** Closes {@code old} (made here, used up) and returns {@code next}. */
	private static NDArray replace(final NDArray old, final NDArray next) {
		old.close();
		return next;
	}

	/** Folds y = gamma (conv(x) + b - mean) / sqrt(var + eps) + beta into one convolution. */
	private FusedConv fold(final Layers.UnitLayers unit) {
		final Conv2d conv = unit.conv();
		final BatchNorm bn = unit.norm();
		final NDArray w = conv.getParameters().get("weight").getArray();
		final Shape shape = w.getShape();
		final int out = (int) shape.get(0);
		final int perOutput = (int) (shape.size() / out);
		final float[] weight = w.toFloatArray();
		final float[] bias = unit.unit().bias() ? conv.getParameters().get("bias").getArray().toFloatArray()
			: new float[out];
		if (bn != null) {
			final float[] gamma = bn.getParameters().get("gamma").getArray().toFloatArray();
			final float[] beta = bn.getParameters().get("beta").getArray().toFloatArray();
			final float[] mean = bn.getParameters().get("runningMean").getArray().toFloatArray();
			final float[] var = bn.getParameters().get("runningVar").getArray().toFloatArray();
			for (int o = 0; o < out; o++) {
				final double scale = gamma[o] / Math.sqrt(var[o] + (double) Layers.BATCH_NORM_EPSILON);
				for (int k = o * perOutput; k < (o + 1) * perOutput; k++)
					weight[k] = (float) (weight[k] * scale);
				bias[o] = (float) ((bias[o] - mean[o]) * scale + beta[o]);
			}
		}
		return new FusedConv(cast(manager.create(weight, shape)), cast(manager.create(bias)), unit.unit().padding(),
			unit.unit().relu());
	}

	private NDArray cast(final NDArray a) {
		return type == DataType.FLOAT32 ? a : TorchScriptOps.toBFloat16(a);
	}

	/** @return true if bfloat16 networks can be made here (whether they are fast is another matter) */
	public static boolean bfloat16Available() {
		return TorchScriptOps.bfloat16Available();
	}

	@Override
	public void close() {
		manager.close();
	}
}
