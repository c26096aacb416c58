package org.xrayseg.core.train;

import java.io.File;
import java.nio.file.Path;
import java.util.List;

import org.xrayseg.core.data.TrainingData;
import org.xrayseg.core.data.TrainingInputs;
import org.xrayseg.core.error.InvalidInputException;
import org.xrayseg.core.io.AtomicOutput;
import org.xrayseg.core.io.SliceInput;
import org.xrayseg.core.io.SliceSource;
import org.xrayseg.core.metrics.ScoreTables;
import org.xrayseg.core.model.ModelFile;
import org.xrayseg.core.model.SegmentationModel;
import org.xrayseg.core.progress.ProgressListener;
import org.xrayseg.core.report.HistoryPlot;
import org.xrayseg.core.report.HistoryTable;
import org.xrayseg.core.report.LinePlot;
import org.xrayseg.core.report.ResultTable;

/**
 * Trains a network from files on disk and saves it: the whole of "Train U-Net"
 * and "Train Pix2Pix". Outputs are checked before any work, so that hours of
 * training never end in an unwritable model.
 */
public final class TrainingRun {

	/**
	 * What a training run gives back: its history as a table and as plots, and for an ensemble the
	 * cross-validated Dice (else null).
	 */
	public record Result(ResultTable history, List<LinePlot> plots, ResultTable crossValidation) {}

	/** Plans and trains one kind of network on prepared data. */
	public interface NetworkTrainer {

		/** @return every choice left to the data made, printed (see {@link Planner}) */
		Planner.Planned plan(TrainingData data, ProgressListener progress);

		/**
		 * @param checkpoint saved after every epoch and resumed from if asked, or null
		 * @param fold the fold of a cross-validation ensemble (1-based), 0 for a single network
		 * @return one trained network (owned by the caller)
		 */
		SegmentationModel train(TrainingData data, Planner.Planned planned, Checkpoint checkpoint, int fold,
			ProgressListener progress);
	}

	private TrainingRun() {}

	/**
	 * @param plot where to save the training-history plot (PNG), or null
	 * @param resume continue from the checkpoint of an interrupted run with the same settings
	 * @return the training history, one row per epoch, and its plots
	 */
	public static Result run(final TrainingInputs inputs, final TrainingOptions options, final File modelFile, final File plot, final boolean overwrite, final boolean resume,
		final NetworkTrainer trainer, final ProgressListener progress)
	{
		final Path model = requireOutput(modelFile, "model", "FILE" + ModelFile.EXTENSION, overwrite, inputs);
		if (plot != null) requireOutput(plot, "plot", "FILE.png", overwrite, inputs);
		if (inputs.validationImages().isGiven() != inputs.validationLabels().isGiven())
			throw new InvalidInputException("Give both validation images and validation labels, or neither");
		try (SliceSource im = inputs.images().open();
			SliceSource lb = inputs.labels().open();
			SliceSource vi = inputs.validationImages().openIfGiven();
			SliceSource vl = inputs.validationLabels().openIfGiven())
		{
			final TrainingOptions adopted = InitialModel.adopt(options, progress);
			final TrainingData data = TrainingData.prepare(im, lb, vi, vl, adopted.dataSettings(InitialModel.metadata(
				adopted)), progress).withClassNames(inputs.classNames());
			final Checkpoint checkpoint = new Checkpoint(model, resume);
			if (checkpoint.isIgnored()) progress.message("Starting afresh: " + checkpoint.file() +
				" of an interrupted run will be replaced (resume=true continues it)");
			final Planner.Planned planned = trainer.plan(data, progress);
			final int folds = planned.plan().folds();
			final CrossValidationRun.Result ensemble = folds > 1 ? CrossValidationRun.train(data, planned, trainer,
				checkpoint, progress) : null;
			try (SegmentationModel trained = ensemble != null ? ensemble.ensemble() : trainer.train(data, planned,
				checkpoint, 0, progress))
			{
				ModelFile.save(trained, model, overwrite);
				checkpoint.delete();
				if (folds > 1) CrossValidationRun.clean(checkpoint, folds);
				progress.message("Saved model " + model);
				final List<LinePlot> plots = HistoryPlot.of(trained.metadata());
				if (plot != null) LinePlot.writePng(plots, 700, 350, plot.toPath(), overwrite);
				return new Result(HistoryTable.of(trained.metadata()), plots, ensemble == null ? null : ScoreTables
					.dice(ensemble.heldOut()).titled("Cross-validated Dice"));
			}
			catch (final java.io.IOException e) {
				throw new java.io.UncheckedIOException("Could not remove the folds' files next to " + model, e);
			}
		}
	}

	private static Path requireOutput(final File file, final String key, final String example,
		final boolean overwrite, final TrainingInputs inputs)
	{
		if (file == null) throw new InvalidInputException("No " + key + " file given (" + key + "=" + example + ")");
		final Path out = file.toPath();
		SliceInput.requireNotInput(out, inputs.all());
		AtomicOutput.file(out, overwrite).close();
		return out;
	}
}
