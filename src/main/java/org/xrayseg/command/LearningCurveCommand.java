package org.xrayseg.command;

import java.io.File;

import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;
import org.xrayseg.core.data.TrainingInputs;
import org.xrayseg.core.io.SliceInput;
import org.xrayseg.core.progress.ProgressListener;
import org.xrayseg.core.study.LearningCurveRun;
import org.xrayseg.core.study.StudyReport;

/** Dice on a test slab against the fraction of training slices used. */
@Plugin(type = Command.class, name = "learning-curve", label = "Learning Curve", headless = true,
	description = "Train on 10%..100% of the training slices (evenly spaced) and score each model on a fixed test slab")
public class LearningCurveCommand extends AbstractStudyCommand {

	@Parameter(label = "Training images", style = FileWidget.FILE_AND_DIRECTORY_STYLE,
		description = "Folder of slices, or one (multi-page) TIFF")
	private File images;

	@Parameter(label = "Training labels", style = FileWidget.FILE_AND_DIRECTORY_STYLE,
		description = "Label images matching the training images")
	private File labels;

	@Parameter(label = "Validation images", style = FileWidget.FILE_AND_DIRECTORY_STYLE, required = false,
		description = "Held-out images for choosing epochs; if empty, a slab is split off the training slices first")
	private File validation_images;

	@Parameter(label = "Validation labels", style = FileWidget.FILE_AND_DIRECTORY_STYLE, required = false,
		description = "Labels of the validation images")
	private File validation_labels;

	@Parameter(label = "Test images", style = FileWidget.FILE_AND_DIRECTORY_STYLE,
		description = "The fixed test slab every model is scored on")
	private File test_images;

	@Parameter(label = "Test labels", style = FileWidget.FILE_AND_DIRECTORY_STYLE,
		description = "Reference labels of the test slab")
	private File test_labels;

	@Parameter(label = "Fractions", description = "Fractions of the training slices, comma-separated")
	private String fractions = "0.1,0.2,0.3,0.4,0.5,0.6,0.7,0.8,0.9,1";

	@Override
	protected StudyReport study(final File output, final boolean resume, final boolean overwrite,
		final ProgressListener progress)
	{
		return new LearningCurveRun(new TrainingInputs(SliceInput.file("images", images), SliceInput.file("labels",
			labels), SliceInput.file("validation_images", validation_images), SliceInput.file("validation_labels",
				validation_labels)), SliceInput.file("test_images", test_images), SliceInput.file("test_labels",
					test_labels), networkType(), options(), CommandParameters.numbers(fractions, "fractions")).run(output, resume,
						overwrite, progress);
	}
}
