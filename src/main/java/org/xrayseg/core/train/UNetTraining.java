package org.xrayseg.core.train;

import java.io.File;
import java.nio.file.Path;

import org.xrayseg.core.error.InvalidInputException;
import org.xrayseg.core.io.AtomicOutput;
import org.xrayseg.core.io.FileSliceSource;
import org.xrayseg.core.model.ModelFile;
import org.xrayseg.core.model.SegmentationModel;
import org.xrayseg.core.progress.ProgressListener;
import org.xrayseg.core.report.ResultTable;

/** Trains a U-Net from files on disk and saves the model: the whole of "Train U-Net". */
public final class UNetTraining {

	private UNetTraining() {}

	/**
	 * @return the training history, one row per epoch
	 * @throws InvalidInputException before any training if an input is missing
	 *           or the model cannot be written
	 */
	public static ResultTable run(final File images, final File labels, final File validationImages,
		final File validationLabels, final File modelFile, final boolean overwrite, final TrainingOptions options,
		final ProgressListener progress)
	{
		options.validate();
		final Path model = requireModelPath(modelFile, overwrite, images, labels, validationImages,
			validationLabels);
		if ((validationImages == null) != (validationLabels == null)) throw new InvalidInputException(
			"Give both validation_images and validation_labels, or neither");
		try (FileSliceSource im = FileSliceSource.open(path(images, "images"));
			FileSliceSource lb = FileSliceSource.open(path(labels, "labels"));
			FileSliceSource vi = validationImages == null ? null : FileSliceSource.open(validationImages.toPath());
			FileSliceSource vl = validationLabels == null ? null : FileSliceSource.open(validationLabels.toPath());
			SegmentationModel trained = TrainingJob.trainUNet(im, lb, vi, vl, options, progress))
		{
			ModelFile.save(trained, model, overwrite);
			progress.message("Saved model " + model);
			return HistoryTable.of(trained.metadata());
		}
	}

	/** Checks, before hours of training, that the model can be written where asked. */
	static Path requireModelPath(final File modelFile, final boolean overwrite, final File... inputs) {
		if (modelFile == null) throw new InvalidInputException("No model file given (model=FILE.xrsm)");
		final Path model = modelFile.toPath();
		for (final File in : inputs)
			if (in != null) AtomicOutput.requireNotInput(model, in.toPath());
		AtomicOutput.file(model, overwrite).close();
		return model;
	}

	static Path path(final File file, final String key) {
		if (file == null) throw new InvalidInputException("No " + key + " given (" + key + "=FOLDER or FILE)");
		return file.toPath();
	}
}
