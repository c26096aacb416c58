package org.xrayseg.fiji;

import java.io.File;

import org.scijava.ItemIO;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.log.LogService;
import org.scijava.plugin.Attr;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;
import org.xrayseg.core.model.NetworkSpec;
import org.xrayseg.core.compare.Comparison;
import org.xrayseg.core.report.ResultTable;
import org.xrayseg.core.train.Defaults;
import org.xrayseg.core.io.SliceInput;
import org.xrayseg.core.train.TrainingInputs;
import org.xrayseg.core.train.TrainingOptions;

/** Compares threshold baselines, U-Net and Pix2Pix on one split of the user's data. */
@Plugin(type = Command.class, name = "compare", label = "Compare Methods", headless = true,
	description = "Fit multi-level Otsu and label-fitted thresholds, train U-Net and Pix2Pix on the same slices, score all on test slices")
public class CompareCommand implements Command {

	/** The U-Net's default; Pix2Pix uses {@link org.xrayseg.core.train.Pix2PixOptions#GENERATOR_LEARNING_RATE}. */
	private static final double UNET_LEARNING_RATE = 1e-3;

	@Parameter
	private StatusService status;

	@Parameter
	private LogService log;

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

	@Parameter(label = "Epochs", min = "1", max = "10000", description = "Epochs of each network trained here")
	private int epochs = 20;

	@Parameter(label = "Steps per epoch", min = "1", max = "100000", description = "Batches of patches per epoch")
	private int steps_per_epoch = 50;

	@Parameter(label = "Batch size", min = "1", max = "256", description = "Patches per training step")
	private int batch_size = 8;

	@Parameter(label = "Patch size", min = "32", max = "2048", stepSize = "16",
		description = "Side of the square training patches; a multiple of 2^depth")
	private int patch_size = 128;

	@Parameter(label = "Depth", min = "1", max = "6", description = "Down-sampling steps of both networks")
	private int depth = 4;

	@Parameter(label = "Base filters", min = "16", max = "256", stepSize = "16", attrs = @Attr(
		name = Keys.RANGE_REASON, value = NetworkSpec.WIDTH_REASON),
		description = "Feature maps at full resolution; " + Keys.WIDTH_RULE)
	private int base_filters = 16;

	@Parameter(label = "Seed", description = "Seed of all random choices")
	private long seed = 42;

	@Parameter(label = "Device", choices = { Keys.AUTO, Keys.CPU, Keys.GPU }, description = Keys.DEVICE_DESCRIPTION)
	private String device = Keys.AUTO;

	@Parameter(label = "Overwrite", description = "Replace an existing output folder")
	private boolean overwrite = false;

	@Parameter(label = "Method comparison", type = ItemIO.OUTPUT)
	private ResultTable comparison;

	@Override
	public void run() {
		final TrainingOptions options = new TrainingOptions(epochs, steps_per_epoch, batch_size, patch_size,
			UNET_LEARNING_RATE,
			depth, base_filters, false, true, 0.2, Defaults.VALIDATION_TILE, seed, device);
		comparison = new Comparison(new TrainingInputs(SliceInput.file("images", images), SliceInput.file("labels",
			labels), SliceInput.file("validation_images", validation_images), SliceInput.file("validation_labels",
				validation_labels)),
			test_images, test_labels, options, unet_model, pix2pix_model).run(output, overwrite, new CommandProgress(
				status, log));
	}
}
