package org.xrayseg.imagej1;

import ij.ImagePlus;
import ij.measure.Calibration;

import java.util.Locale;

import org.scijava.module.Module;
import org.xrayseg.core.data.LabelCoding;

/**
 * What an open image tells a command beyond its pixels: the voxel size of its
 * calibration ({@code voxel_size=}) and the phase names that Segment wrote
 * into a label image's Info ({@code class_names=}), used where the user left
 * those keys empty.
 */
final class ImageMetadata {

	/** The start of the Info line Segment gives its label images (see {@link Outputs}). */
	static final String PHASES_INFO = "Phases (label code and name): ";

	private ImageMetadata() {}

	/** Fills the empty keys voxel_size and class_names of {@code module} from {@code image}. */
	static void fill(final Module module, final ImagePlus image) {
		if (image == null) return;
		if (isEmpty(module, "voxel_size")) {
			final Calibration cal = image.getCalibration();
			if (cal.scaled()) module.setInput("voxel_size", String.format(Locale.ROOT, "%s,%s,%s %s", cal.pixelWidth,
				cal.pixelHeight, cal.pixelDepth, cal.getUnit()));
		}
		final Object info = image.getProperty("Info");
		if (isEmpty(module, "class_names") && info instanceof String && ((String) info).startsWith(PHASES_INFO))
			module.setInput("class_names", pairs(((String) info).substring(PHASES_INFO.length()).trim()));
	}

	/** @return "0:pore,128:nickel" for Segment's legend "0 pore, 128 nickel" (codes without names are left out) */
	static String pairs(final String legend) {
		final StringBuilder sb = new StringBuilder();
		LabelCoding.namesInLegend(legend).forEach((code, name) -> sb.append(sb.length() > 0 ? "," : "").append(code)
			.append(':').append(name));
		return sb.toString();
	}

	private static boolean isEmpty(final Module module, final String key) {
		if (module.getInfo().getInput(key) == null) return false;
		final Object v = module.getInput(key);
		return v == null || v.toString().isBlank();
	}
}
