package org.xrayseg.fiji;

import java.io.File;

import org.scijava.ItemIO;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;
import org.scijava.widget.FileWidget;
import org.xrayseg.core.error.InvalidInputException;
import org.xrayseg.core.progress.ProgressListener;
import org.xrayseg.core.report.LinePlot;
import org.xrayseg.core.report.ResultTable;
import org.xrayseg.core.study.StudyReport;

/** What the studies share: where results go, resuming, seed and device, and the results. */
public abstract class AbstractStudyCommand implements Command {

	@Parameter
	private StatusService status;

	@Parameter
	private LogService log;

	@Parameter(label = "Output folder", style = FileWidget.DIRECTORY_STYLE,
		description = "Receives the table (CSV), the plot (PNG) and the finished steps of the study")
	private File output;

	@Parameter(label = "Resume", description = "Keep the finished steps of an earlier run in the output folder instead of redoing them")
	private boolean resume = false;

	@Parameter(label = "Overwrite", description = "Start again in an output folder that holds an earlier study")
	private boolean overwrite = false;

	@Parameter(label = "Seed", description = "Seed of all random choices")
	protected long seed = 42;

	@Parameter(label = "Device", choices = { Keys.AUTO, Keys.CPU, Keys.GPU }, description = Keys.DEVICE_DESCRIPTION)
	protected String device = Keys.AUTO;

	@Parameter(label = "Results", type = ItemIO.OUTPUT)
	private ResultTable results;

	@Parameter(label = "Plot", type = ItemIO.OUTPUT)
	private LinePlot plot;

	/** Runs the study; returns its report. */
	protected abstract StudyReport study(File outputFolder, boolean resumeSteps, boolean overwriteSteps,
		ProgressListener progress);

	/** @return comma-separated numbers, or a clear error naming {@code key} */
	protected static double[] numbers(final String text, final String key) {
		try {
			return java.util.Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).mapToDouble(
				Double::parseDouble).toArray();
		}
		catch (final NumberFormatException e) {
			throw new InvalidInputException(key + " must be comma-separated numbers, not '" + text + "'");
		}
	}

	@Override
	public void run() {
		final StudyReport report = study(output, resume, overwrite, new CommandProgress(status, log));
		results = report.table();
		plot = report.plot();
	}
}
