package org.xrayseg.fiji;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;
import org.xrayseg.core.error.InvalidInputException;
import org.xrayseg.core.io.SliceInput;
import org.xrayseg.core.progress.ProgressListener;
import org.xrayseg.core.study.NoiseStudy;
import org.xrayseg.core.study.StudyReport;

/** Dice of trained models on test slices with Gaussian and Poisson noise of growing strength. */
@Plugin(type = Command.class, name = "noise-study", label = "Noise Robustness", headless = true,
	description = "Score trained models on test slices with added Gaussian and Poisson noise at several levels")
public class NoiseStudyCommand extends AbstractStudyCommand {

	@Parameter(label = "Model", style = FileWidget.OPEN_STYLE, description = "A trained model (.xrsm)")
	private File model;

	@Parameter(label = "Second model", style = FileWidget.OPEN_STYLE, required = false,
		description = "Another model to compare, e.g. one trained with noise_augmentation (optional)")
	private File augmented_model;

	@Parameter(label = "Test images", style = FileWidget.FILE_AND_DIRECTORY_STYLE,
		description = "Test slices (clean; the noise is added here)")
	private File test_images;

	@Parameter(label = "Test labels", style = FileWidget.FILE_AND_DIRECTORY_STYLE,
		description = "Reference labels of the test slices")
	private File test_labels;

	@Parameter(label = "Noise levels", description = "Comma-separated levels; 0 is the clean result")
	private String levels = "0,0.02,0.05,0.1,0.2";

	@Override
	protected StudyReport study(final File output, final boolean resume, final boolean overwrite,
		final ProgressListener progress)
	{
		if (model == null) throw new InvalidInputException("No model given (model=FILE.xrsm)");
		final List<File> models = new ArrayList<>(List.of(model));
		if (augmented_model != null) models.add(augmented_model);
		return new NoiseStudy(models, SliceInput.file("test_images", test_images), SliceInput.file("test_labels",
			test_labels), numbers(levels, "levels"), seed, device).run(output, resume, overwrite,
				progress);
	}
}
