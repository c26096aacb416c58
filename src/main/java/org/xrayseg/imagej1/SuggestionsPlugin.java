package org.xrayseg.imagej1;

import java.util.List;

import ij.ImagePlus;
import ij.gui.Roi;
import ij.plugin.frame.RoiManager;

import org.scijava.module.Module;
import org.xrayseg.core.annotate.Suggestion;
import org.xrayseg.core.report.ResultTable;

/**
 * "Suggest Annotations" from the menu or a macro: the command's regions, on
 * an open image, become rectangles in the ROI Manager named "annotate-1",
 * "annotate-2", ... on their slices (those of an earlier run are replaced).
 * Train from Annotations does not read them as annotations.
 */
public class SuggestionsPlugin extends CommandPlugin {

	static final String COMMAND = "suggest-annotations";

	@Override
	public void run(final String arg) {
		super.run(COMMAND);
	}

	@Override
	protected void shown(final Module module, final ImagePlus input, final List<ImagePlus> labels) {
		final Object regions = module.getOutput("regions");
		if (input != null && regions instanceof ResultTable t) toRoiManager(input, t);
	}

	/** Puts the regions of a "Suggested annotations" table into the ROI Manager, replacing earlier suggestions. */
	static void toRoiManager(final ImagePlus image, final ResultTable regions) {
		// in a batch-mode macro, the macro's own (hidden) ROI Manager
		RoiManager rm = RoiManager.getInstance2();
		if (rm == null) rm = RoiManager.getRoiManager();
		// rebuilt rather than deleted one by one: selecting a ROI would change the image a macro works on
		final Roi[] rois = rm.getRoisAsArray();
		rm.reset();
		for (final Roi roi : rois)
			if (!isSuggestion(roi)) rm.add(image, roi, -1);
		for (int r = 0; r < regions.rowCount(); r++) {
			final Roi roi = new Roi(number(regions, r, "x"), number(regions, r, "y"), number(regions, r, "width"),
				number(regions, r, "height"));
			roi.setName((String) regions.get(r, "region"));
			if (image.getStackSize() > 1) roi.setPosition(number(regions, r, "slice"));
			rm.add(image, roi, -1);
		}
	}

	/** @return whether a ROI is a suggested region rather than an annotation */
	static boolean isSuggestion(final Roi roi) {
		return roi.getName() != null && roi.getName().matches(Suggestion.ROI_PREFIX + "\\d+");
	}

	private static int number(final ResultTable t, final int row, final String column) {
		return ((Number) t.get(row, column)).intValue();
	}
}
