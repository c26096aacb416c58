package org.xrayseg.fiji;

import java.io.File;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

import org.scijava.ItemIO;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.log.LogService;
import org.scijava.plugin.Attr;
import org.scijava.plugin.Parameter;
import org.scijava.widget.FileWidget;
import org.xrayseg.core.model.NetworkSpec;
import org.xrayseg.core.io.SliceInput;
import org.xrayseg.core.model.SegmentationModel;
import org.xrayseg.core.progress.ProgressListener;
import org.xrayseg.core.report.LinePlot;
import org.xrayseg.core.report.ResultTable;
import org.xrayseg.core.train.Checkpoint;
import org.xrayseg.core.train.Defaults;
import org.xrayseg.core.train.TrainingInputs;
import org.xrayseg.core.train.TrainingJob;
import org.xrayseg.core.train.TrainingOptions;
import org.xrayseg.core.train.TrainingRun;

/** The parameters every training command shares: data, validation, patches, schedule, output. */
public abstract class AbstractTrainingCommand implements Command {

	@Parameter
	private StatusService status;

	@Parameter
	private LogService log;

	@Parameter(label = "Training images", style = FileWidget.FILE_AND_DIRECTORY_STYLE, required = false, attrs = @Attr(
		name = Keys.CLI_REQUIRED), description = "Folder of slices, or one (multi-page) TIFF; 8-, 16- or 32-bit grey")
	private File images;

	@Parameter(label = "Training labels", style = FileWidget.FILE_AND_DIRECTORY_STYLE, required = false, attrs = @Attr(
		name = Keys.CLI_REQUIRED),
		description = "Label images matching the training images slice by slice (codes such as 0/128/255 or 0,1,2)")
	private File labels;

	@Parameter(label = "Training image (open)", required = false,
		description = "An open image or stack to train on, instead of training images on disk")
	private RandomAccessibleInterval<? extends RealType<?>> image;

	@Parameter(label = "Label image (open)", required = false,
		description = "An open label image or stack matching the open training image")
	private RandomAccessibleInterval<? extends RealType<?>> label_image;

	@Parameter(label = "Model file", style = FileWidget.SAVE_STYLE,
		description = "Where to save the trained model (.xrsm)")
	private File model;

	@Parameter(label = "Validation images", style = FileWidget.FILE_AND_DIRECTORY_STYLE, required = false,
		description = "Held-out images; if empty, a slab is split off the end of the training slices")
	private File validation_images;

	@Parameter(label = "Validation labels", style = FileWidget.FILE_AND_DIRECTORY_STYLE, required = false,
		description = "Labels of the validation images")
	private File validation_labels;

	@Parameter(label = "Validation fraction", min = "0.01", max = "0.9", stepSize = "0.05",
		description = "Part of the training slices split off the end for validation when no validation images are given")
	private double validation_fraction = 0.2;

	@Parameter(label = "Epochs", min = "1", max = "10000", description = "Number of training epochs")
	protected int epochs = 20;

	@Parameter(label = "Steps per epoch", min = "1", max = "100000",
		description = "Batches of random patches per epoch; validation runs after each epoch")
	protected int steps_per_epoch = 50;

	@Parameter(label = "Batch size", min = "1", max = "256", description = "Patches per training step")
	protected int batch_size = 8;

	@Parameter(label = "Patch size", min = "16", max = "2048", stepSize = "16",
		description = "Side of the square training patches in pixels; a multiple of 2^depth")
	protected int patch_size = 128;

	@Parameter(label = "Learning rate", min = "0.000001", max = "1", stepSize = "0.0001",
		description = "Initial Adam learning rate (of the generator, for Pix2Pix); it decays to 5% along a cosine")
	protected double learning_rate = 1e-3;

	@Parameter(label = "Depth", min = "1", max = "6", description = "Down-sampling steps of the U-Net (generator)")
	protected int depth = 4;

	@Parameter(label = "Base filters", min = "16", max = "256", stepSize = "16", attrs = @Attr(
		name = Keys.RANGE_REASON, value = NetworkSpec.WIDTH_REASON),
		description = "Feature maps at full resolution, doubled at every level; " + Keys.WIDTH_RULE)
	protected int base_filters = 16;

	@Parameter(label = "Augment", description = "Random flips and 90-degree rotations of the training patches")
	private boolean augment = true;

	@Parameter(label = "Noise augmentation", min = "0", max = "1", stepSize = "0.01",
		description = "Add Gaussian noise of random strength up to this (fraction of the grey range) to training patches; 0 for none")
	private double noise_augmentation = 0;

	@Parameter(label = "Seed", description = "Seed of all random choices: the same seed gives the same model on the same machine")
	private long seed = 42;

	@Parameter(label = "Device", choices = { Keys.AUTO, Keys.CPU, Keys.GPU }, description = Keys.DEVICE_DESCRIPTION)
	private String device = Keys.AUTO;

	@Parameter(label = "History plot (PNG)", style = FileWidget.SAVE_STYLE, required = false,
		description = "Where to save a plot of the losses and validation Dice per epoch (optional)")
	private File plot;

	@Parameter(label = "Overwrite", description = "Replace an existing model file (and plot)")
	private boolean overwrite = false;

	@Parameter(label = "Resume", description =
		"Continue an interrupted run from its checkpoint (model file + .checkpoint, written after every epoch); same keys needed")
	private boolean resume = false;

	@Parameter(label = "Training history", type = ItemIO.OUTPUT)
	private ResultTable history;

	@Parameter(label = "Training losses", type = ItemIO.OUTPUT)
	private LinePlot loss_curves;

	@Parameter(label = "Validation Dice", type = ItemIO.OUTPUT)
	private LinePlot dice_curves;

	/** Trains the command's kind of network; the model is owned by the caller. */
	protected abstract SegmentationModel train(TrainingJob.Prepared data, TrainingOptions options,
		Checkpoint checkpoint, ProgressListener progress);

	/** @param diceLoss whether the loss includes soft Dice (U-Net only) */
	protected TrainingOptions options(final boolean diceLoss) {
		return new TrainingOptions(epochs, steps_per_epoch, batch_size, patch_size, learning_rate, depth,
			base_filters, diceLoss, augment, validation_fraction, Defaults.VALIDATION_TILE, seed, device,
			noise_augmentation);
	}

	/** Checks the settings before any data is read (the command's own keys too, where it has some). */
	protected void validate(final TrainingOptions options) {
		options.validate();
	}

	@Override
	public void run() {
		final TrainingOptions options = options(false);
		validate(options);
		final TrainingRun.Result result = TrainingRun.run(new TrainingInputs(new SliceInput("images", images, image), new SliceInput("labels",
			labels, label_image), SliceInput.file("validation_images", validation_images), SliceInput.file(
				"validation_labels", validation_labels)),
			validation_fraction, model, plot, overwrite, resume, (data, checkpoint, progress) -> train(data, options,
				checkpoint, progress),
			new CommandProgress(status, log));
		history = result.history();
		loss_curves = result.plots().get(0);
		dice_curves = result.plots().get(1);
	}

	/** @return the training history table after {@link #run()} */
	public ResultTable history() {
		return history;
	}
}
