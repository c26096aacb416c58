package org.xrayseg.command;

import java.io.File;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;
import org.xrayseg.core.annotate.Suggestion;
import org.xrayseg.core.annotate.SuggestionRun;
import org.xrayseg.core.report.ResultTable;

/** Finds the regions where annotating would teach a model most. */
@Plugin(type = Command.class, name = "suggest-annotations", label = "Suggest Annotations", headless = true,
	description = "Find the regions of a volume where the model is least sure (calibrated), spread over slices and " +
		"phases: where a few annotations help it most")
public class SuggestAnnotationsCommand extends AbstractModelInputCommand {

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
		regions = Suggestion.table(SuggestionRun.run(model(), device, volume(), count, size, table, overwrite,
			progress()));
	}
}
