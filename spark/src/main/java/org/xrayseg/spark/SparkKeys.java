package org.xrayseg.spark;

import java.io.File;

import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.widget.FileWidget;

/**
 * The keys that only a cluster job has, beside those of "segment" (see
 * {@link SegmentKeys}). Never run: it only describes keys, and is no SciJava
 * plugin. Where "segment" itself has {@code slices=} or {@code dataset=},
 * its own definition is used and these two are not.
 */
public class SparkKeys implements Command {

	@Parameter(label = "Slices", required = false,
		description = "Which slices to segment, 1-based: 101-200, 101- (to the end) or 1-50,201-250; empty for all")
	private String slices;

	@Parameter(label = "HDF5 dataset", required = false,
		description = "The 3D dataset of HDF5 inputs, e.g. /exchange/data; empty for /exchange/data or the only 3D dataset")
	private String dataset;

	@Parameter(label = "Reference labels", style = FileWidget.FILE_AND_DIRECTORY_STYLE, required = false,
		description = "Labels to score the output against (Dice table): one volume per input volume, in the same order")
	private File truth;

	@Parameter(label = "Summary table", style = FileWidget.SAVE_STYLE, required = false,
		description = "CSV file for the summary table (per volume: slices, seconds, Dice); it is printed in any case")
	private File table;

	@Parameter(label = "Slices per task", min = "1", max = "4096",
		description = "Slices one Spark task segments; a task lost with its executor is done again from its first unwritten slice")
	private int slices_per_task = JobSettings.SLICES_PER_TASK;

	@Parameter(label = "Quality tables", description = "Also write each volume's quality estimate without a " +
		"reference (as segment's quality=): OUTPUT-quality.csv, one row per slice, and its plot OUTPUT-quality.png")
	private boolean quality_tables = false;

	@Override
	public void run() {
		throw new UnsupportedOperationException("SparkKeys only describes keys; run SparkSegment");
	}
}
