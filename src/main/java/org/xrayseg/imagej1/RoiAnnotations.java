package org.xrayseg.imagej1;

import java.awt.Point;
import java.awt.Rectangle;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import ij.ImagePlus;
import ij.ImageStack;
import ij.gui.Roi;
import ij.process.FloatPolygon;
import ij.process.ImageProcessor;

import org.xrayseg.core.data.LabelCoding;
import org.xrayseg.core.error.InvalidInputException;

/**
 * The ROIs of the ROI Manager as sparse labels of an image: each ROI marks
 * pixels of one phase on one slice. Areas are filled, lines drawn as strokes
 * of their line width (at least {@value #MIN_STROKE} pixels), points marked;
 * a later ROI overrides an earlier one, so a correction is drawn over a
 * mistake. A ROI's phase is the name of its group (ROI Manager > Properties),
 * else its own name without a trailing number ("pore", "pore-2"). Phases get
 * the codes 1, 2, ... in the alphabetical order of their names (ignoring
 * case); 0 is "not annotated".
 */
final class RoiAnnotations {

	/** The label value of pixels no ROI covers. */
	static final int UNLABELLED = 0;
	private static final int MIN_STROKE = 3;

	/**
	 * @param labels the annotations, a stack of the image's size (8-bit)
	 * @param phases the phase names, in the order of their codes 1, 2, ...
	 */
	record Labels(ImagePlus labels, List<String> phases) {}

	private RoiAnnotations() {}

	/** @throws InvalidInputException if a ROI names no phase or lies on no slice, or fewer than two phases are marked */
	static Labels of(final ImagePlus imp, final Roi[] all) {
		// the regions Suggest Annotations put there are places to annotate, not annotations
		final Roi[] rois = all == null ? null : java.util.Arrays.stream(all).filter(r -> !SuggestionsPlugin
			.isSuggestion(r)).toArray(Roi[]::new);
		if (rois == null || rois.length == 0) throw new InvalidInputException("The ROI Manager holds no ROI: draw " +
			"lines or areas on each phase, name each after its phase (e.g. pore) and add it (Ctrl+T)");
		final TreeSet<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
		for (final Roi roi : rois)
			names.add(phase(roi));
		if (names.size() < 2) throw new InvalidInputException("The ROIs mark only the phase '" + names.first() +
			"': annotate at least two phases");
		if (names.size() > LabelCoding.MAX_CLASSES) throw new InvalidInputException("The ROIs name " + names.size() +
			" phases, more than " + LabelCoding.MAX_CLASSES + ": name each ROI after its phase");
		final List<String> phases = new ArrayList<>(names);
		final ImageStack stack = ImageStack.create(imp.getWidth(), imp.getHeight(), imp.getStackSize(), 8);
		for (final Roi roi : rois) {
			final ImageProcessor ip = stack.getProcessor(slice(imp, roi));
			mark(ip, roi, phases.indexOf(phase(roi)) + 1);
		}
		return new Labels(new ImagePlus(imp.getTitle() + "-annotations", stack), phases);
	}

	private static String phase(final Roi roi) {
		final String group = roi.getGroup() > 0 ? Roi.getGroupName(roi.getGroup()) : null;
		if (group != null && !group.isBlank()) return group.trim();
		final String name = roi.getName() == null ? "" : roi.getName().replaceFirst("[\\s_-]*\\d+$", "").trim();
		if (name.isEmpty() || name.matches("[\\d\\s_-]*")) throw new InvalidInputException("The ROI '" + roi
			.getName() + "' names no phase: rename it after its phase (e.g. pore) or put it in a named group");
		return name;
	}

	private static int slice(final ImagePlus imp, final Roi roi) {
		final int z = roi.getZPosition() > 0 ? roi.getZPosition() : roi.getPosition();
		if (z == 0 && imp.getStackSize() == 1) return 1;
		if (z < 1 || z > imp.getStackSize()) throw new InvalidInputException("The ROI '" + roi.getName() + "' " +
			(z == 0 ? "belongs to no slice" : "is on slice " + z + " of " + imp.getStackSize()) + " of " + imp
				.getTitle() + ": add ROIs while their slice is shown (ROI Manager > More > Options: associate with slices)");
		return z;
	}

	private static void mark(final ImageProcessor ip, final Roi roi, final int code) {
		if (roi.isArea()) {
			ip.setValue(code);
			ip.fill(roi);
			return;
		}
		final int radius = Math.max(MIN_STROKE, Math.round(roi.getStrokeWidth())) / 2;
		if (roi.isLine()) {
			final FloatPolygon line = roi.getInterpolatedPolygon(0.5, false);
			for (int i = 0; i < line.npoints; i++)
				stamp(ip, Math.round(line.xpoints[i]), Math.round(line.ypoints[i]), radius, code);
		}
		else for (final Point p : roi.getContainedPoints())
			stamp(ip, p.x, p.y, radius, code);
	}

	private static void stamp(final ImageProcessor ip, final int x, final int y, final int radius, final int code) {
		final Rectangle r = new Rectangle(x - radius, y - radius, 2 * radius + 1, 2 * radius + 1);
		for (int v = r.y; v < r.y + r.height; v++)
			for (int u = r.x; u < r.x + r.width; u++)
				if ((u - x) * (u - x) + (v - y) * (v - y) <= radius * radius && u >= 0 && v >= 0 && u < ip.getWidth() &&
					v < ip.getHeight()) ip.set(u, v, code);
	}
}
