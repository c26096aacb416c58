package org.xrayseg.command;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

import org.scijava.ItemIO;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;
import org.xrayseg.core.error.InvalidInputException;
import org.xrayseg.core.io.SliceInput;
import org.xrayseg.core.report.LinePlot;
import org.xrayseg.core.report.ResultTable;
import org.xrayseg.core.study.NoiseStudyRun;
import org.xrayseg.core.study.StudyReport;
import org.xrayseg.core.train.TrainingOptions;

/** Dice of trained models on test slices with Gaussian and Poisson noise of growing strength. */
@Plugin(type = Command.class, name = "noise-study", label = "Noise Robustness", headless = true,
	description = "Score trained models on test slices with added Gaussian and Poisson noise at several levels")
public class NoiseStudyCommand implements Command {

	@Parameter
	private StatusService status;

	@Parameter
	private LogService log;


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

	@Parameter(label = "Output folder", style = FileWidget.DIRECTORY_STYLE,
		description = "Receives the Dice table per noise level (CSV), its plot (PNG) and the finished levels")
	private File output;

	@Parameter(label = "Resume", description = "Keep the levels an earlier run finished in the output folder")
	private boolean resume = false;

	@Parameter(label = "Overwrite", description = "Start again in an output folder that holds an earlier noise study")
	private boolean overwrite = false;

	@Parameter(label = "Seed", description = "Seed of the noise: the same seed adds the same noise")
	private long seed = TrainingOptions.SEED;

	@Parameter(label = "Device", choices = { ParameterTexts.AUTO, ParameterTexts.CPU, ParameterTexts.GPU },
		description = ParameterTexts.DEVICE)
	private String device = ParameterTexts.AUTO;

	@Parameter(label = "Dice per noise level", type = ItemIO.OUTPUT)
	private ResultTable results;

	@Parameter(label = "Dice against noise", type = ItemIO.OUTPUT)
	private LinePlot plot;

	@Override
	public void run() {
		if (model == null) throw new InvalidInputException("No model given (model=FILE.xrsm)");
		final List<File> models = new ArrayList<>(List.of(model));
		if (augmented_model != null) models.add(augmented_model);
		final StudyReport report = new NoiseStudyRun(models, SliceInput.file("test_images", test_images), SliceInput.file("test_labels",
			test_labels), CommandParameters.numbers(levels, "levels"), seed, device).run(output, resume, overwrite,
				new CommandProgress(status, log));
		results = report.table();
		plot = report.plot();
	}
}
