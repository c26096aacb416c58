package org.xrayseg.imagej1;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.WindowManager;
import ij.gui.ImageRoi;
import ij.gui.Overlay;
import ij.plugin.frame.RoiManager;
import ij.process.ImageProcessor;

import org.scijava.module.Module;
import org.xrayseg.core.annotate.Suggestion;
import org.xrayseg.core.annotate.SuggestionRun;
import org.xrayseg.core.io.SliceInput;
import org.xrayseg.core.progress.ProgressListener;
import org.xrayseg.core.error.InvalidInputException;

/**
 * "Train from Annotations" in ImageJ: the current image and the ROIs of the
 * ROI Manager (see {@link RoiAnnotations}) feed the command
 * {@code train-annotations}; its dialog and macro keys are the training
 * settings and the model file. The segmentation is shown as a label image and
 * over the image, as an overlay of phase colours.
 */
public class AnnotationsPlugin extends CommandPlugin {

	static final String COMMAND = "train-annotations";
	/** Opacity of the phase colours over the image. */
	private static final double OPACITY = 0.4;
	/** Regions suggested after each run, and their side. */
	private static final int SUGGESTIONS = 10;
	private static final int SUGGESTION_SIZE = 64;

	@Override
	public void run(final String arg) {
		super.run(COMMAND);
	}

	@Override
	protected Given given() {
		final ImagePlus imp = WindowManager.getCurrentImage();
		if (imp == null) throw new InvalidInputException("Open the image to segment, then draw and add ROIs of " +
			"each phase to the ROI Manager");
		RoiManager rm = RoiManager.getInstance2();
		if (rm == null) rm = RoiManager.getInstance();
		final RoiAnnotations.Labels labels = RoiAnnotations.of(imp, rm == null ? null : rm.getRoisAsArray());
		final Map<String, ImagePlus> images = new LinkedHashMap<>();
		images.put("image", imp);
		images.put("annotation_image", labels.labels());
		return new Given(images, Map.of("unlabelled", RoiAnnotations.UNLABELLED, "class_names", String.join(",",
			labels.phases())), Set.of("input", "annotations"));
	}

	@Override
	protected void shown(final Module module, final ImagePlus input, final List<ImagePlus> labels) {
		if (input == null || labels.isEmpty()) return;
		final ImageStack stack = labels.get(0).getStack();
		final Overlay overlay = new Overlay();
		for (int z = 1; z <= stack.getSize(); z++) {
			final ImageProcessor colours = stack.getProcessor(z).duplicate();
			colours.setLut(labels.get(0).getProcessor().getLut());
			final ImageRoi roi = new ImageRoi(0, 0, colours.convertToRGB());
			roi.setOpacity(OPACITY);
			roi.setName("segmentation");
			if (stack.getSize() > 1) roi.setPosition(z);
			overlay.add(roi);
		}
		input.setOverlay(overlay);
		suggest(module, input);
	}

	/** Shows where the next annotations would help most (as Suggest Annotations does) in the ROI Manager. */
	private static void suggest(final Module module, final ImagePlus input) {
		final Object model = module.getInput("model");
		if (!(model instanceof java.io.File)) return;
		final List<Suggestion> found = SuggestionRun.run((java.io.File) model, "auto", new SliceInput("image", null,
			ImagePlusBridge.wrap(input)), SUGGESTIONS, SUGGESTION_SIZE, null, false, ProgressListener.NONE);
		SuggestionsPlugin.toRoiManager(input, Suggestion.table(found));
		IJ.log("Train from Annotations: the ROI Manager shows where annotating next would help most (" + Suggestion
			.ROI_PREFIX + "1 ... " + Suggestion.ROI_PREFIX + found.size() + ")");
	}
}
