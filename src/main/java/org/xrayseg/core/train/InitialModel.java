package org.xrayseg.core.train;

import java.nio.file.Path;
import java.util.Arrays;

import ai.djl.ndarray.NDManager;

import org.xrayseg.core.data.ContextChoice;
import org.xrayseg.core.data.TrainingData;
import org.xrayseg.core.error.InvalidInputException;
import org.xrayseg.core.model.ModelFile;
import org.xrayseg.core.model.ModelMetadata;
import org.xrayseg.core.model.NetworkSpec;
import org.xrayseg.core.model.SegmentationModel;
import org.xrayseg.core.progress.ProgressListener;

/**
 * The trained model that training continues from ({@code initial_model=}),
 * to fine-tune it to a new scan with few labels: its network, phases and
 * weights are kept; its normalisation is kept unless the new grey values are
 * unlike its training data's (see {@link TrainingData#prepare}).
 */
final class InitialModel {

	static final String KEY = "initial_model";

	private InitialModel() {}

	/** @return the metadata of the initial model, or null if none is given */
	static ModelMetadata metadata(final TrainingOptions options) {
		return options.initialModel().isBlank() ? null : ModelFile.readMetadata(Path.of(options.initialModel()));
	}

	/**
	 * @return {@code options} with the initial model's network size and context
	 *         slices, which its weights need; unchanged without an initial model
	 */
	static TrainingOptions adopt(final TrainingOptions options, final ProgressListener progress) {
		final ModelMetadata initial = metadata(options);
		if (initial == null) return options;
		final NetworkSpec n = initial.network();
		final boolean other = options.depth() != TrainingOptions.AUTO && n.depth() != options.depth() || options
			.baseFilters() != TrainingOptions.AUTO && n.baseFilters() != options.baseFilters() || options
				.contextSlices() != ContextChoice.AUTO && n.contextSlices() != options.contextSlices();
		if (other) progress.message("Continuing from " + options.initialModel() + ": its network (" + n.describe() +
			") replaces depth, base_filters and context_slices of these settings");
		return options.withNetwork(n.depth(), n.baseFilters()).withContextSlices(n.contextSlices());
	}

	/**
	 * @param asked the network these settings would train from scratch
	 * @return the network to train: the initial model's, if one is given, else {@code asked}
	 * @throws InvalidInputException if the initial model is another kind of network or has other phases
	 */
	static NetworkSpec network(final TrainingOptions options, final NetworkSpec asked, final TrainingData data) {
		final ModelMetadata initial = metadata(options);
		if (initial == null) return asked;
		final NetworkSpec n = initial.network();
		if (!n.type().equals(asked.type())) throw new InvalidInputException(KEY + "=" + options.initialModel() +
			" is a " + n.describe() + ", not a " + asked.describe().replaceFirst(",.*", "") + ": continue it with the " +
			"command that trained it");
		if (!Arrays.equals(initial.labelCodes(), data.coding().codes())) throw new InvalidInputException(KEY + "=" +
			options.initialModel() + " segments the phases " + initial.coding().legend() + ", but the labels hold " +
			data.coding().legend() + ": an initial model must have the same phases");
		return n;
	}

	/**
	 * Copies the initial model's weights into the network being trained, if
	 * one is given, and validates them as epoch 0 of {@code loop}; a no-op otherwise.
	 */
	static void loadWeights(final SegmentationModel model, final TrainingOptions options, final NDManager manager,
		final EpochLoop loop, final ProgressListener progress)
	{
		if (options.initialModel().isBlank()) return;
		Weights.restoreInPlace(model.block(), model.metadata().network()::build, ModelFile.readWeights(Path.of(options
			.initialModel())), manager);
		progress.message("Continuing from the weights of " + options.initialModel() + (ModelFile.readMetadata(Path.of(
			options.initialModel())).networks() > 1 ? " (the first network of its ensemble)" : ""));
		loop.startFrom(model);
	}
}
