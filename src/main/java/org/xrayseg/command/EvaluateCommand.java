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
import org.xrayseg.core.data.LabelCoding;
import org.xrayseg.core.io.SliceInput;
import org.xrayseg.core.metrics.EvaluationRun;
import org.xrayseg.core.metrics.ScoreTables;
import org.xrayseg.core.metrics.SegmentationScores;
import org.xrayseg.core.report.ResultTable;

/** Compares a segmentation with a reference: Dice and IoU per phase, mean and std over slices. */
@Plugin(type = Command.class, name = "evaluate", label = "Evaluate Segmentation", headless = true,
	description = "Dice and IoU per phase (mean and std over slices), pixel accuracy and confusion matrix of a segmentation against reference labels")
public class EvaluateCommand implements Command {

	@Parameter
	private StatusService status;

	@Parameter
	private LogService log;

	@Parameter(label = "Prediction", style = FileWidget.FILE_AND_DIRECTORY_STYLE, required = false, attrs = @Attr(
		name = ParameterAttributes.CLI_REQUIRED), description = "The segmentation to score: folder of label slices or a (multi-page) TIFF")
	private File prediction;

	@Parameter(label = "Reference labels", style = FileWidget.FILE_AND_DIRECTORY_STYLE, required = false,
		attrs = @Attr(name = ParameterAttributes.CLI_REQUIRED),
		description = "The reference (ground-truth) labels, matching the prediction slice by slice")
	private File truth;

	@Parameter(label = "Reference HDF5 dataset", required = false, description = ParameterTexts.DATASET)
	private String truth_dataset = "";

	@Parameter(label = "Slices", required = false, description =
		"Slices of the reference to score, 1-based: 101-200, 101- or 1-50,201-250 (the prediction may hold just those slices, or all); empty: all")
	private String slices = "";

	@Parameter(label = "Phase names", required = false, description = ParameterTexts.CLASS_NAMES)
	private String class_names = "";

	@Parameter(label = "Unlabelled value", min = "-1", max = "65535", description = ParameterTexts.UNLABELLED)
	private int unlabelled = LabelCoding.NO_UNLABELLED;

	@Parameter(label = "Prediction image (open)", required = false,
		description = "An open label image or stack to score, instead of a prediction on disk")
	private RandomAccessibleInterval<? extends RealType<?>> prediction_image;

	@Parameter(label = "Reference image (open)", required = false,
		description = "An open reference label image or stack, instead of reference labels on disk")
	private RandomAccessibleInterval<? extends RealType<?>> truth_image;

	@Parameter(label = "Dice table (CSV)", style = FileWidget.SAVE_STYLE, required = false,
		description = "Where to save the Dice table as CSV (optional)")
	private File table;

	@Parameter(label = "Per-slice table (CSV)", style = FileWidget.SAVE_STYLE, required = false,
		description = "Where to save the scores of every slice as CSV (optional)")
	private File slice_table;

	@Parameter(label = "Overwrite", description = "Replace existing tables")
	private boolean overwrite = false;

	@Parameter(label = "Dice table", type = ItemIO.OUTPUT)
	private ResultTable dice;

	@Parameter(label = "Confusion matrix", type = ItemIO.OUTPUT)
	private ResultTable confusion;

	@Parameter(label = "Pixel accuracy", type = ItemIO.OUTPUT)
	private double accuracy;

	@Override
	public void run() {
		final SegmentationScores e = EvaluationRun.run(new SliceInput("prediction", prediction, prediction_image),
			new SliceInput("truth", truth, truth_image).withDataset(truth_dataset), slices, CommandParameters.names(
				class_names), unlabelled, table, slice_table, overwrite, new CommandProgress(status, log));
		dice = ScoreTables.dice(e);
		confusion = ScoreTables.confusion(e);
		accuracy = e.pixelAccuracy();
	}
}
