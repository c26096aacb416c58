package org.xrayseg.core.model;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;

import org.xrayseg.core.error.ModelFileException;
import org.xrayseg.core.runtime.DjlRuntime;

/**
 * A segmentation network with its metadata (classes and their label codes,
 * normalisation, architecture), or an ensemble of networks of one architecture
 * whose class probabilities are averaged (the networks of a cross-validation,
 * see {@link CrossValidation}). Training works on the first network. Owns the
 * native memory of its weights: close it when done.
 */
public final class SegmentationModel implements AutoCloseable {

	/** The most networks in one ensemble. */
	public static final int MAX_NETWORKS = 10;

	private final Model model;
	/** The other networks of an ensemble. */
	private final List<Model> others;
	private ModelMetadata metadata;

	private SegmentationModel(final Model model, final ModelMetadata metadata) {
		this(model, List.of(), metadata);
	}

	private SegmentationModel(final Model model, final List<Model> others, final ModelMetadata metadata) {
		this.model = model;
		this.others = List.copyOf(others);
		this.metadata = metadata;
	}

	/**
	 * Joins networks of one architecture into an ensemble; takes them over (close only the ensemble).
	 *
	 * @param metadata the ensemble's metadata (see {@link ModelMetadata#asEnsemble})
	 */
	public static SegmentationModel ensemble(final List<SegmentationModel> networks, final ModelMetadata metadata) {
		if (networks.isEmpty() || networks.size() > MAX_NETWORKS) throw new IllegalArgumentException("1 to " +
			MAX_NETWORKS + " networks, not " + networks.size());
		final List<Model> rest = new ArrayList<>();
		for (final SegmentationModel n : networks.subList(1, networks.size())) {
			if (!n.metadata.network().equals(networks.get(0).metadata.network())) throw new IllegalArgumentException(
				"The networks of an ensemble must share one architecture");
			rest.add(n.model);
			rest.addAll(n.others);
		}
		return new SegmentationModel(networks.get(0).model, rest, metadata);
	}

	/**
	 * Creates a model on {@code device} with the serialised weights of each of its networks (one, or those of
	 * an ensemble).
	 */
	public static SegmentationModel create(final ModelMetadata metadata, final Device device,
		final List<byte[]> weights)
	{
		final List<SegmentationModel> networks = new ArrayList<>();
		try {
			for (final byte[] w : weights)
				networks.add(create(metadata, device, w));
			return ensemble(networks, metadata);
		}
		catch (final RuntimeException e) {
			networks.forEach(SegmentationModel::close);
			throw e;
		}
	}

	/** Creates a network with uninitialised weights on {@code device}. */
	public static SegmentationModel create(final ModelMetadata metadata, final Device device) {
		DjlRuntime.engine();
		final Model model = Model.newInstance("xrayseg-" + metadata.network().type(), device);
		model.setBlock(metadata.network().build());
		return new SegmentationModel(model, metadata);
	}

	/** Creates a network on {@code device} with the given serialised weights (see {@link #weights()}). */
	public static SegmentationModel create(final ModelMetadata metadata, final Device device, final byte[] weights) {
		final SegmentationModel m = create(metadata, device);
		try {
			m.loadWeights(weights);
			return m;
		}
		catch (final RuntimeException e) {
			m.close();
			throw e;
		}
	}

	/** Initialises the weights randomly (using DJL's engine random seed). */
	public void initialize() {
		final int side = metadata.network().sizeMultiple();
		block().initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, metadata().network().inputChannels(), side, side));
	}

	/**
	 * Runs the network in inference mode.
	 *
	 * @param input (N, 1, H, W) float32 normalised grey values; H and W multiples of
	 *          {@link NetworkSpec#sizeMultiple()}
	 * @return (N, K, H, W) float32 logits, attached to {@code input}'s manager
	 */
	public NDArray logits(final NDArray input) {
		final ParameterStore store = new ParameterStore(input.getManager(), false);
		return block().forward(store, new NDList(input), false).singletonOrThrow();
	}

	/** @return the weights of the (first) network serialised in DJL's parameter format */
	public byte[] weights() {
		return serialise(block());
	}

	/** @return the weights of {@code block} serialised in DJL's parameter format (a network's or a discriminator's) */
	public static byte[] serialise(final Block block) {
		final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (DataOutputStream out = new DataOutputStream(bytes)) {
			block.saveParameters(out);
		}
		catch (final IOException e) {
			throw new UncheckedIOException(e);
		}
		return bytes.toByteArray();
	}

	/** Replaces the weights by serialised ones (see {@link #weights()}). */
	public void loadWeights(final byte[] weights) {
		try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(weights))) {
			block().loadParameters(model.getNDManager(), in);
		}
		catch (final IOException | MalformedModelException | RuntimeException e) {
			throw new ModelFileException("The weights do not fit a " + metadata.network().describe() +
				" (damaged model file?): " + e.getMessage(), e);
		}
	}

	/** @return the (first) network, the one that trains */
	public Block block() {
		return model.getBlock();
	}

	/** @return every network: one, or those of an ensemble */
	public List<Block> blocks() {
		final List<Block> all = new ArrayList<>();
		all.add(model.getBlock());
		for (final Model m : others)
			all.add(m.getBlock());
		return all;
	}

	/** @return the serialised weights of every network (see {@link #weights()}) */
	public List<byte[]> networkWeights() {
		final List<byte[]> all = new ArrayList<>();
		for (final Block b : blocks())
			all.add(serialise(b));
		return all;
	}

	/** @return the DJL model, for training */
	public Model djlModel() {
		return model;
	}

	public Device device() {
		return model.getNDManager().getDevice();
	}

	public ModelMetadata metadata() {
		return metadata;
	}

	public void setMetadata(final ModelMetadata metadata) {
		this.metadata = metadata;
	}

	@Override
	public void close() {
		model.close();
		others.forEach(Model::close);
	}
}
