package org.xrayseg.command;

import java.io.File;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.log.LogService;
import org.scijava.plugin.Attr;
import org.scijava.plugin.Parameter;
import org.scijava.widget.FileWidget;
import org.xrayseg.core.io.SliceInput;

/** The keys of the commands that run a trained model on a volume: the model, and the volume on disk or open. */
public abstract class AbstractModelInputCommand implements Command {

	@Parameter
	private StatusService status;

	@Parameter
	private LogService log;

	@Parameter(label = "Model file", style = FileWidget.OPEN_STYLE, description = "A model trained by this plugin (.xrsm)")
	private File model;

	@Parameter(label = "Input", style = FileWidget.FILE_AND_DIRECTORY_STYLE, required = false, attrs = @Attr(
		name = ParameterAttributes.CLI_REQUIRED), description = "Folder of slices, or one (multi-page) TIFF")
	private File input;

	@Parameter(label = "HDF5 dataset", required = false, description = ParameterTexts.DATASET)
	private String dataset = "";

	@Parameter(label = "Slices", required = false, description = ParameterTexts.SLICES)
	private String slices = "";

	@Parameter(label = "Input image (open)", required = false,
		description = "An open image or stack, instead of an input on disk")
	private RandomAccessibleInterval<? extends RealType<?>> image;

	/** @return the model file given */
	protected File model() {
		return model;
	}

	/** @return the volume given: on disk (with its dataset and slices) or open */
	protected SliceInput volume() {
		return new SliceInput("input", input, image).withDataset(dataset).withSlices(slices);
	}

	/** @return progress and cancel of this command's run */
	protected CommandProgress progress() {
		return new CommandProgress(status, log);
	}
}
