package org.xrayseg.command;

import java.io.File;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;
import org.xrayseg.core.compare.ComparisonRun;
import org.xrayseg.core.data.TrainingInputs;
import org.xrayseg.core.io.SliceInput;
import org.xrayseg.core.report.ResultTable;

/** Compares threshold baselines, U-Net and Pix2Pix on one split of the user's data. */
@Plugin(type = Command.class, name = "compare", label = "Compare Methods", headless = true,
	description = "Fit multi-level Otsu and label-fitted thresholds, train U-Net and Pix2Pix on the same slices, score all on test slices")
public class CompareCommand extends AbstractTrainingSettingsCommand {

	@Parameter(label = "Training images", style = FileWidget.FILE_AND_DIRECTORY_STYLE,
		description = "Folder of slices, or one (multi-page) TIFF; 8-, 16- or 32-bit grey")
	private File images;

	@Parameter(label = "Training labels", style = FileWidget.FILE_AND_DIRECTORY_STYLE,
		description = "Label images matching the training images slice by slice")
	private File labels;

	@Parameter(label = "Validation images", style = FileWidget.FILE_AND_DIRECTORY_STYLE, required = false,
		description = "Held-out images for choosing the best epoch; if empty, a slab is split off the training slices")
	private File validation_images;

	@Parameter(label = "Validation labels", style = FileWidget.FILE_AND_DIRECTORY_STYLE, required = false,
		description = "Labels of the validation images")
	private File validation_labels;

	@Parameter(label = "Test images", style = FileWidget.FILE_AND_DIRECTORY_STYLE,
		description = "Slices every method is scored on (use a slab away from the training slices)")
	private File test_images;

	@Parameter(label = "Test labels", style = FileWidget.FILE_AND_DIRECTORY_STYLE,
		description = "Reference labels of the test slices")
	private File test_labels;

	@Parameter(label = "Output folder", style = FileWidget.DIRECTORY_STYLE,
		description = "Receives comparison.csv, the trained models and the label stack of every method")
	private File output;

	@Parameter(label = "U-Net model", style = FileWidget.OPEN_STYLE, required = false,
		description = "An existing U-Net model to score instead of training one (optional)")
	private File unet_model;

	@Parameter(label = "Pix2Pix model", style = FileWidget.OPEN_STYLE, required = false,
		description = "An existing Pix2Pix model to score instead of training one (optional)")
	private File pix2pix_model;

	@Parameter(label = "Overwrite", description = "Replace an existing output folder")
	private boolean overwrite = false;

	@Parameter(label = "Method comparison", type = ItemIO.OUTPUT)
	private ResultTable comparison;

	@Override
	public void run() {
		comparison = new ComparisonRun(new TrainingInputs(SliceInput.file("images", images), SliceInput.file("labels",
			labels), SliceInput.file("validation_images", validation_images), SliceInput.file("validation_labels",
				validation_labels)),
			test_images, test_labels, options(), unet_model, pix2pix_model).run(output, overwrite, progress());
	}
}
