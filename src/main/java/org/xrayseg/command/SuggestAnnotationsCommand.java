package org.xrayseg.command;

import java.io.File;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

import org.scijava.ItemIO;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.log.LogService;
import org.scijava.plugin.Attr;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;
import org.xrayseg.core.annotate.Suggestion;
import org.xrayseg.core.annotate.SuggestionRun;
import org.xrayseg.core.io.SliceInput;
import org.xrayseg.core.report.ResultTable;

/** Finds the regions where annotating would teach a model most. */
@Plugin(type = Command.class, name = "suggest-annotations", label = "Suggest Annotations", headless = true,
	description = "Find the regions of a volume where the model is least sure (calibrated), spread over slices and " +
		"phases: where a few annotations help it most")
public class SuggestAnnotationsCommand implements Command {

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
		description = "An open image or stack, instead of an input on disk; the regions go to the ROI Manager")
	private RandomAccessibleInterval<? extends RealType<?>> image;

	@Parameter(label = "Regions", min = "1", max = "1000", description = "How many regions to suggest")
	private int count = 10;

	@Parameter(label = "Region size", min = "8", max = "2048", stepSize = "8",
		description = "Side of a square region in pixels")
	private int size = 64;

	@Parameter(label = "Device", choices = { ParameterTexts.AUTO, ParameterTexts.CPU, ParameterTexts.GPU },
		description = ParameterTexts.DEVICE)
	private String device = ParameterTexts.AUTO;

	@Parameter(label = "Table (CSV)", style = FileWidget.SAVE_STYLE, required = false, persist = false,
		description = "Also write the regions as CSV; empty: not written")
	private File table;

	@Parameter(label = "Overwrite", description = "Replace an existing table")
	private boolean overwrite = false;

	@Parameter(label = "Suggested annotations", type = ItemIO.OUTPUT)
	private ResultTable regions;

	@Override
	public void run() {
		final SliceInput in = new SliceInput("input", input, image).withDataset(dataset).withSlices(slices);
		regions = Suggestion.table(SuggestionRun.run(model, device, in, count, size, table, overwrite,
			new CommandProgress(status, log)));
	}
}
