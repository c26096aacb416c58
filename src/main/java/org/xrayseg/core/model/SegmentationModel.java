package org.xrayseg.core.model;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

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

/**
 * A segmentation network with its metadata (classes and their label codes,
 * normalisation, architecture). Owns the native memory of its weights: close it
 * when done.
 */
public final class SegmentationModel implements AutoCloseable {

	private final Model model;
	private ModelMetadata metadata;

	private SegmentationModel(final Model model, final ModelMetadata metadata) {
		this.model = model;
		this.metadata = metadata;
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

	/** @return the weights serialised in DJL's parameter format */
	public byte[] weights() {
		final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (DataOutputStream out = new DataOutputStream(bytes)) {
			block().saveParameters(out);
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

	public Block block() {
		return model.getBlock();
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
	}
}
