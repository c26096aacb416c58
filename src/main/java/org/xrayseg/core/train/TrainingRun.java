package org.xrayseg.core.train;

import java.io.File;
import java.nio.file.Path;

import org.xrayseg.core.error.InvalidInputException;
import org.xrayseg.core.io.AtomicOutput;
import org.xrayseg.core.io.FileSliceSource;
import org.xrayseg.core.model.ModelFile;
import org.xrayseg.core.model.SegmentationModel;
import org.xrayseg.core.progress.ProgressListener;
import org.xrayseg.core.report.LinePlot;
import org.xrayseg.core.report.ResultTable;

/**
 * Trains a network from files on disk and saves it: the whole of "Train U-Net"
 * and "Train Pix2Pix". Outputs are checked before any work, so that hours of
 * training never end in an unwritable model.
 */
public final class TrainingRun {

	/** Trains one kind of network on prepared data. */
	public interface NetworkTrainer {

		SegmentationModel train(TrainingJob.Prepared data, ProgressListener progress);
	}

	private TrainingRun() {}

	/**
	 * @param plot where to save the training-history plot (PNG), or null
	 * @return the training history, one row per epoch
	 */
	public static ResultTable run(final TrainingFiles files, final double validationFraction, final File modelFile,
		final File plot, final boolean overwrite, final NetworkTrainer trainer, final ProgressListener progress)
	{
		final Path model = requireOutput(modelFile, "model", "FILE" + ModelFile.EXTENSION, overwrite, files);
		if (plot != null) requireOutput(plot, "plot", "FILE.png", overwrite, files);
		if ((files.validationImages() == null) != (files.validationLabels() == null)) throw new InvalidInputException(
			"Give both validation_images and validation_labels, or neither");
		try (FileSliceSource im = FileSliceSource.open(path(files.images(), "images"));
			FileSliceSource lb = FileSliceSource.open(path(files.labels(), "labels"));
			FileSliceSource vi = open(files.validationImages());
			FileSliceSource vl = open(files.validationLabels()))
		{
			final TrainingJob.Prepared data = TrainingJob.prepare(im, lb, vi, vl, validationFraction, progress);
			try (SegmentationModel trained = trainer.train(data, progress)) {
				ModelFile.save(trained, model, overwrite);
				progress.message("Saved model " + model);
				if (plot != null) LinePlot.writePng(HistoryPlot.of(trained.metadata()), 700, 350, plot.toPath(),
					overwrite);
				return HistoryTable.of(trained.metadata());
			}
		}
	}

	private static Path requireOutput(final File file, final String key, final String example,
		final boolean overwrite, final TrainingFiles inputs)
	{
		if (file == null) throw new InvalidInputException("No " + key + " file given (" + key + "=" + example + ")");
		final Path out = file.toPath();
		for (final File in : inputs.all())
			if (in != null) AtomicOutput.requireNotInput(out, in.toPath());
		AtomicOutput.file(out, overwrite).close();
		return out;
	}

	private static FileSliceSource open(final File file) {
		return file == null ? null : FileSliceSource.open(file.toPath());
	}

	private static Path path(final File file, final String key) {
		if (file == null) throw new InvalidInputException("No " + key + " given (" + key + "=FOLDER or FILE)");
		return file.toPath();
	}
}
