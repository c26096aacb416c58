package org.xrayseg.command;

import java.io.File;

import org.scijava.ItemIO;
import org.scijava.plugin.Parameter;
import org.scijava.widget.FileWidget;
import org.xrayseg.core.progress.ProgressListener;
import org.xrayseg.core.report.LinePlot;
import org.xrayseg.core.report.ResultTable;
import org.xrayseg.core.study.StudyReport;
import org.xrayseg.core.train.NetworkType;

/**
 * The keys of the studies that train networks: which kind, where the results
 * go, resuming; and their results. Studies train shorter than "Train U-Net"
 * by default ({@link #EPOCHS}): they train many networks.
 */
public abstract class AbstractStudyCommand extends AbstractTrainingSettingsCommand {

	/** Default epochs of every network a study trains. */
	public static final int EPOCHS = 10;

	@Parameter(label = "Network", choices = { "unet", "pix2pix" }, description = "The kind of network the study trains")
	private String network = "unet";

	@Parameter(label = "Output folder", style = FileWidget.DIRECTORY_STYLE,
		description = "Receives the table (CSV), the plot (PNG) and the finished steps of the study")
	private File output;

	@Parameter(label = "Resume", description = "Keep the finished steps of an earlier run in the output folder instead of redoing them")
	private boolean resume = false;

	@Parameter(label = "Overwrite", description = "Start again in an output folder that holds an earlier study")
	private boolean overwrite = false;

	@Parameter(label = "Results", type = ItemIO.OUTPUT)
	private ResultTable results;

	@Parameter(label = "Plot", type = ItemIO.OUTPUT)
	private LinePlot plot;

	protected AbstractStudyCommand() {
		epochs = Integer.toString(EPOCHS);
	}

	/** Runs the study; returns its report. */
	protected abstract StudyReport study(File outputFolder, boolean resumeSteps, boolean overwriteSteps,
		ProgressListener progress);

	/** @return the kind of network to train */
	protected NetworkType networkType() {
		return NetworkType.of(network);
	}

	@Override
	public void run() {
		final StudyReport report = study(output, resume, overwrite, progress());
		results = report.table();
		plot = report.plot();
	}
}
