package org.xrayseg.command;

import java.io.File;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.type.numeric.RealType;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Attr;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;
import org.xrayseg.core.annotate.AnnotationRun;
import org.xrayseg.core.io.SliceInput;
import org.xrayseg.core.report.ResultTable;
import org.xrayseg.core.train.TrainingOptions;

/**
 * Trains a U-Net on sparse annotations (scribbles) of a volume and segments
 * it; run again after more annotations, it continues from its model. In
 * ImageJ the annotations come from the ROI Manager (see the imagej1 plugin).
 */
@Plugin(type = Command.class, name = "train-annotations", label = "Train from Annotations", headless = true,
	description = "Train a U-Net on annotations of some pixels of each phase (strokes or areas on any slices), segment the whole image, and continue from that model when run again")
public class TrainFromAnnotationsCommand extends AbstractTrainingSettingsCommand {

	@Parameter(label = "Image", style = FileWidget.FILE_AND_DIRECTORY_STYLE, required = false, attrs = @Attr(
		name = ParameterAttributes.CLI_REQUIRED), description = "Folder of slices, or one (multi-page) TIFF, to annotate and segment")
	private File input;

	@Parameter(label = "Annotations", style = FileWidget.FILE_AND_DIRECTORY_STYLE, required = false, attrs = @Attr(
		name = ParameterAttributes.CLI_REQUIRED), description =
			"Label images of the same slices: a code per phase on the annotated pixels, the unlabelled value elsewhere (e.g. a Labkit export)")
	private File annotations;

	@Parameter(label = "Unlabelled value", min = "0", max = "65535", description =
		"The annotation value that means 'not annotated' (Labkit and the ROI Manager bridge use 0)")
	private int unlabelled = 0;

	@Parameter(label = "Phase names", required = false, description = ParameterTexts.CLASS_NAMES)
	private String class_names = "";

	@Parameter(label = "Image (open)", required = false, description = "An open image or stack, instead of a file")
	private RandomAccessibleInterval<? extends RealType<?>> image;

	@Parameter(label = "Annotations (open)", required = false,
		description = "An open label image or stack of annotations, instead of a file")
	private RandomAccessibleInterval<? extends RealType<?>> annotation_image;

	@Parameter(label = "Model file", style = FileWidget.SAVE_STYLE, description =
		"Where the model is kept from run to run (.xrsm): if it exists, training continues from it and it is replaced (the one before is kept as NAME.previous.xrsm)")
	private File model;

	@Parameter(label = "Learning rate", min = "0.000001", max = "1", stepSize = "0.0001", description =
		"Initial Adam learning rate; it decays to 5% along a cosine")
	private double learning_rate = TrainingOptions.LEARNING_RATE;

	@Parameter(label = "Start over", description = "Train a new model even if the model file exists")
	private boolean start_over = false;

	@Parameter(label = "Resume", description =
		"Continue an interrupted run from its checkpoint (model file + .checkpoint, written after every epoch)")
	private boolean resume = false;

	@Parameter(label = "Output", style = FileWidget.SAVE_STYLE, required = false, persist = false, description =
		"Where to save the segmentation: a .tif file or a folder; empty: show it (in ImageJ, over the image too)")
	private File output;

	@Parameter(label = "Overwrite", description = "Replace an existing output")
	private boolean overwrite = false;

	@Parameter(label = "Labels", type = ItemIO.OUTPUT)
	private Img<? extends RealType<?>> labels;

	@Parameter(label = "Phases", type = ItemIO.OUTPUT)
	private String phases;

	@Parameter(label = "Training history", type = ItemIO.OUTPUT)
	private ResultTable history;

	@Override
	public void run() {
		final AnnotationRun.Result r = AnnotationRun.run(new SliceInput("input", input, image), new SliceInput(
			"annotations", annotations, annotation_image), CommandParameters.names(class_names), options()
				.withUnlabelled(unlabelled).withLearningRate(learning_rate), new AnnotationRun.Files(model, start_over,
					resume, output, overwrite), progress());
		history = r.training().history();
		if (r.segmentation() != null) {
			labels = r.segmentation().labels();
			phases = r.segmentation().coding().legend();
		}
	}
}
