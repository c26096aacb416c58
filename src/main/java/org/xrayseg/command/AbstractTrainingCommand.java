package org.xrayseg.command;

import java.io.File;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

import org.scijava.ItemIO;
import org.scijava.plugin.Attr;
import org.scijava.plugin.Parameter;
import org.scijava.widget.FileWidget;
import org.xrayseg.core.choice.Auto;
import org.xrayseg.core.data.TrainingInputs;
import org.xrayseg.core.io.SliceInput;
import org.xrayseg.core.report.LinePlot;
import org.xrayseg.core.report.ResultTable;
import org.xrayseg.core.train.GreyAugmentation;
import org.xrayseg.core.train.TrainingOptions;
import org.xrayseg.core.train.TrainingRun;

/** The keys of the commands that train one network and save it: data, validation, schedule, output. */
public abstract class AbstractTrainingCommand extends AbstractTrainingSettingsCommand {

	@Parameter(label = "Training images", style = FileWidget.FILE_AND_DIRECTORY_STYLE, required = false, attrs = @Attr(
		name = ParameterAttributes.CLI_REQUIRED),
		description = "Folder of slices, or one (multi-page) TIFF; 8-, 16- or 32-bit grey")
	private File images;

	@Parameter(label = "Training labels", style = FileWidget.FILE_AND_DIRECTORY_STYLE, required = false, attrs = @Attr(
		name = ParameterAttributes.CLI_REQUIRED),
		description = "Label images matching the training images slice by slice (codes such as 0/128/255 or 0,1,2)")
	private File labels;

	@Parameter(label = "HDF5 dataset of the images", required = false, description = ParameterTexts.DATASET)
	private String dataset = "";

	@Parameter(label = "HDF5 dataset of the labels", required = false, description = ParameterTexts.DATASET)
	private String labels_dataset = "";

	@Parameter(label = "Slices", required = false, description =
		"Which slices of the images and labels to train on, 1-based: 101-200, 101- or 1-50,201-250; empty: all")
	private String slices = "";

	@Parameter(label = "Phase names", required = false, description = ParameterTexts.CLASS_NAMES)
	private String class_names = "";

	@Parameter(label = "Labelled slices", required = false, description =
		"The image slice of each label slice, 1-based, when only some slices are labelled: e.g. 10,250,900; empty: labels for every slice, or folders matched by file name")
	private String labelled_slices = "";

	@Parameter(label = "Initial model", style = FileWidget.OPEN_STYLE, required = false, description =
		"A trained model (.xrsm) to continue from, to fine-tune it to new data with few labels: same phases; its network is kept, its normalisation unless the new grey values are unlike")
	private File initial_model;

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

	@Parameter(label = "Folds", description =
		"Networks trained on folds of the labelled slices, each validated on the fold it did not see (a cross-validation ensemble: the cross-validated Dice estimates the accuracy on new slices, and segmenting averages the networks); 1: one network validated on a held-out slab; auto: an ensemble for few labelled slices when the time budget fits it")
	private String folds = Auto.KEY;

	@Parameter(label = "Validation fraction", min = "0.01", max = "0.9", stepSize = "0.05",
		description = "Part of the training slices split off the end for validation when no validation images are given")
	private double validation_fraction = TrainingOptions.VALIDATION_FRACTION;

	@Parameter(label = "Learning rate", min = "0.000001", max = "1", stepSize = "0.0001",
		description = "Initial Adam learning rate (of the generator, for Pix2Pix); it decays to 5% along a cosine")
	protected double learning_rate = TrainingOptions.LEARNING_RATE;

	@Parameter(label = "Augment", description = "Random flips and 90-degree rotations of the training patches")
	private boolean augment = true;

	@Parameter(label = "Intensity augmentation", choices = { "noise", "all", "none" }, attrs = @Attr(
		name = ParameterAttributes.ALIASES, value = GreyAugmentation.EARLIER_VALUES),
		description = "Random grey-value changes of the training patches, in ranges that keep the phases apart: noise and blur; all: brightness, contrast and gamma too (for scans unlike the labelled ones; it costs accuracy on phases of a middle grey); none")
	private String intensity_augmentation = "noise";

	@Parameter(label = "Elastic deformation", description = "Smooth random warps of the training patches")
	private boolean elastic = false;

	@Parameter(label = "Noise augmentation", min = "0", max = "1", stepSize = "0.01",
		description = "Add Gaussian noise of random strength up to this (fraction of the grey range) to training patches; 0 for none")
	private double noise_augmentation = 0;

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

	@Parameter(label = "Cross-validated Dice", type = ItemIO.OUTPUT)
	private ResultTable cross_validation;

	/**
	 * @return the trainer of the command's kind of network with {@code options}
	 *         and the command's own keys, all of them checked: a bad value fails
	 *         here, before any data is read
	 */
	protected abstract TrainingRun.NetworkTrainer trainer(TrainingOptions options);

	@Override
	protected TrainingOptions options() {
		return super.options().withLearningRate(learning_rate).withValidationFraction(validation_fraction)
			.withAugmentation(augment, GreyAugmentation.parse(intensity_augmentation), noise_augmentation, elastic)
			.withFolds(folds).withLabelledSlices(labelled_slices).withInitialModel(initial_model == null ? ""
				: initial_model.getPath());
	}

	@Override
	public void run() {
		final TrainingOptions options = options();
		final TrainingRun.NetworkTrainer trainer = trainer(options);
		final TrainingRun.Result result = TrainingRun.run(new TrainingInputs(new SliceInput("images", images, image)
			.withDataset(dataset).withSlices(slices), new SliceInput("labels", labels, label_image).withDataset(
				labels_dataset).withSlices(slices), SliceInput.file("validation_images", validation_images), SliceInput
					.file("validation_labels", validation_labels), CommandParameters.names(class_names)), options, model, plot, overwrite,
			resume, trainer, progress());
		history = result.history();
		loss_curves = result.plots().get(0);
		dice_curves = result.plots().get(1);
		cross_validation = result.crossValidation();
	}

	/** @return the training history table after {@link #run()} */
	public ResultTable history() {
		return history;
	}
}
