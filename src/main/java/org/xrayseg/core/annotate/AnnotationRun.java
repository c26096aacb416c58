package org.xrayseg.core.annotate;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import org.xrayseg.core.infer.Precision;
import org.xrayseg.core.data.TrainingInputs;
import org.xrayseg.core.error.InvalidInputException;
import org.xrayseg.core.infer.SegmentationRun;
import org.xrayseg.core.infer.TestTimeAugmentation;
import org.xrayseg.core.infer.TiledPredictor;
import org.xrayseg.core.io.AtomicOutput;
import org.xrayseg.core.io.SliceInput;
import org.xrayseg.core.io.TiffSliceSink;
import org.xrayseg.core.model.ModelFile;
import org.xrayseg.core.progress.ProgressListener;
import org.xrayseg.core.train.TrainingOptions;
import org.xrayseg.core.train.TrainingRun;
import org.xrayseg.core.train.UNetTrainer;

/**
 * The whole of "Train from Annotations": trains a U-Net on sparse annotations
 * of a volume (strokes or areas of each phase on any slices, the rest
 * unlabelled), continuing from the model of the previous run when there is
 * one, then segments the whole volume. Running it again after adding or
 * correcting annotations refines the model instead of starting over.
 */
public final class AnnotationRun {

	/** Share of the progress bar taken by training; segmenting takes the rest. */
	private static final int TRAINING_SHARE = 90;

	/**
	 * @param training the training history
	 * @param segmentation the segmented volume, or null when it was written to files
	 */
	public record Result(TrainingRun.Result training, SegmentationRun.LabelImage segmentation) {}

	/**
	 * Where the work goes.
	 *
	 * @param model where the model is kept: if it exists, training continues from it (unless
	 *          {@code startOver}); the model it replaces is kept as NAME.previous.xrsm
	 * @param startOver train a new model even if {@code model} exists
	 * @param resume continue an interrupted run from its checkpoint
	 * @param output where to write the segmentation (a .tif stack or a folder), or null to return it
	 * @param overwrite replace an existing output
	 */
	public record Files(File model, boolean startOver, boolean resume, File output, boolean overwrite) {}

	private AnnotationRun() {}

	/**
	 * @param annotations a label volume of the same slices as {@code image}: one code per phase, the
	 *          {@link TrainingOptions#unlabelled() unlabelled} value elsewhere
	 * @param options the training settings, with the unlabelled value
	 */
	public static Result run(final SliceInput image, final SliceInput annotations, final List<String> classNames,
		final TrainingOptions options, final Files files, final ProgressListener progress)
	{
		final File model = files.model();
		final File output = files.output();
		final boolean overwrite = files.overwrite();
		if (model == null) throw new InvalidInputException("No model file given (model=FILE" + ModelFile.EXTENSION +
			"): it keeps what is learnt from one run to the next");
		if (output != null) {
			SliceInput.requireNotInput(output.toPath(), image, annotations);
			(TiffSliceSink.isStackPath(output.toPath()) ? AtomicOutput.file(output.toPath(), overwrite) : AtomicOutput
				.folder(output.toPath(), overwrite)).close();
		}
		options.validate();
		TrainingOptions o = options;
		if (model.isFile() && !files.startOver()) {
			ModelFile.readMetadata(model.toPath());
			o = o.withInitialModel(keepPrevious(model.toPath(), progress).toString());
			progress.message("Continuing from " + model + " (start_over=true trains a new model)");
		}
		final TrainingOptions settings = o;
		final TrainingRun.Result history = TrainingRun.run(new TrainingInputs(image, annotations, SliceInput.file(
			"validation_images", null), SliceInput.file("validation_labels", null), classNames), settings, model, null,
			true, files.resume(), UNetTrainer.of(settings), progress.slice(0,
				TRAINING_SHARE, 100));
		final SegmentationRun segmenter = new SegmentationRun(model, TiledPredictor.TILE_SIZE, TiledPredictor.OVERLAP,
			o.device(), TestTimeAugmentation.FALSE, Precision.FLOAT32);
		final ProgressListener segmenting = progress.slice(TRAINING_SHARE, 100 - TRAINING_SHARE, 100);
		if (output != null) {
			segmenter.toFiles(image, output, overwrite, segmenting);
			return new Result(history, null);
		}
		return new Result(history, segmenter.toImage(image, segmenting));
	}

	/** Copies the model to NAME.previous.xrsm, which training then continues from; returns the copy. */
	private static Path keepPrevious(final Path model, final ProgressListener progress) {
		final String name = model.getFileName().toString();
		final Path previous = model.resolveSibling((name.endsWith(ModelFile.EXTENSION) ? name.substring(0, name
			.length() - ModelFile.EXTENSION.length()) : name) + ".previous" + ModelFile.EXTENSION);
		try {
			java.nio.file.Files.copy(model, previous, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (final IOException e) {
			throw new InvalidInputException("Cannot keep the previous model as " + previous + ": " + e.getMessage(), e);
		}
		progress.message("The model before this run is kept as " + previous);
		return previous;
	}
}
