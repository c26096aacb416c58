package org.xrayseg.command;

import java.io.File;

import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;
import org.xrayseg.core.io.SliceInput;
import org.xrayseg.core.progress.ProgressListener;
import org.xrayseg.core.study.GeneralisationRun;
import org.xrayseg.core.study.StudyReport;

/** Trains on one slab of a volume and scores slabs at growing distance (and optionally another volume). */
@Plugin(type = Command.class, name = "generalisation", label = "Slab Generalisation", headless = true,
	description = "Train on one slab of a volume, score the following slabs at growing distance (or another volume)")
public class GeneralisationCommand extends AbstractStudyCommand {

	@Parameter(label = "Images", style = FileWidget.FILE_AND_DIRECTORY_STYLE,
		description = "The whole volume: folder of slices or one (multi-page) TIFF")
	private File images;

	@Parameter(label = "Labels", style = FileWidget.FILE_AND_DIRECTORY_STYLE,
		description = "Reference labels of the whole volume")
	private File labels;

	@Parameter(label = "First training slice", min = "1", description = "First slice of the training slab (1-based)")
	private int train_first = 1;

	@Parameter(label = "Last training slice", min = "1", description = "Last slice of the training slab (1-based)")
	private int train_last = 50;

	@Parameter(label = "Test slab size", min = "1", description = "Slices per test slab")
	private int slab = 50;

	@Parameter(label = "Other volume images", style = FileWidget.FILE_AND_DIRECTORY_STYLE, required = false,
		description = "Another volume to score (optional)")
	private File other_images;

	@Parameter(label = "Other volume labels", style = FileWidget.FILE_AND_DIRECTORY_STYLE, required = false,
		description = "Reference labels of the other volume")
	private File other_labels;

	@Override
	protected StudyReport study(final File output, final boolean resume, final boolean overwrite,
		final ProgressListener progress)
	{
		return new GeneralisationRun(SliceInput.file("images", images), SliceInput.file("labels", labels),
			train_first, train_last, slab, SliceInput.file("other_images", other_images), SliceInput.file(
				"other_labels", other_labels), networkType(), options()).run(output, resume, overwrite,
					progress);
	}
}
