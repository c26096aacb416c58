package org.xrayseg.core.io;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The ImageDescription that ImageJ writes into its TIFF files: lines of
 * {@code key=value}, the first being {@code ImageJ=version}. It holds the number
 * of slices of a stack ({@code images=}), the length unit ({@code unit=}) and
 * the slice spacing ({@code spacing=}).
 */
final class ImageJDescription {

	/** The version this code writes: the file format of ImageJ 1.54 */
	static final String VERSION = "1.54p";

	private ImageJDescription() {}

	/** @return the key=value pairs of an ImageJ description, or an empty map for any other text */
	static Map<String, String> parse(final String description) {
		final Map<String, String> values = new LinkedHashMap<>();
		// ImageJ reads a description as its own only when a version follows "ImageJ="
		if (description == null || !description.startsWith("ImageJ=") || description.length() < 8 ||
			description.charAt(7) == '\n') return values;
		for (final String line : description.split("\n")) {
			final int eq = line.indexOf('=');
			if (eq > 0) values.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
		}
		return values;
	}

	/** @return the number of slices ImageJ's description announces, or 0 */
	static int images(final String description) {
		final String n = parse(description).get("images");
		try {
			return n == null ? 0 : (int) Double.parseDouble(n);
		}
		catch (final NumberFormatException e) {
			return 0;
		}
	}

	/** @return a positive number, or NaN if {@code text} is missing or not one */
	static double positive(final String text) {
		try {
			final double v = text == null ? Double.NaN : Double.parseDouble(text);
			return v > 0 && !Double.isInfinite(v) ? v : Double.NaN;
		}
		catch (final NumberFormatException e) {
			return Double.NaN;
		}
	}

	/** The key under which this plugin keeps the label codes and phase names of a label image (ImageJ ignores it). */
	static final String PHASES = "xrayseg_phases";

	/** @return the phase legend written with {@link #format(int, VoxelSize, String)}, or null */
	static String phases(final String description) {
		final String legend = parse(description).get(PHASES);
		return legend == null || legend.isBlank() ? null : legend;
	}

	/** @return the description ImageJ writes for {@code slices} slices of the given voxel size */
	static String format(final int slices, final VoxelSize voxel) {
		return format(slices, voxel, null);
	}

	/**
	 * @param phases the label codes and names of a label image, e.g. "0 pore, 128 nickel", or null
	 * @return the description ImageJ writes for {@code slices} slices of the given voxel size, with the phases
	 */
	static String format(final int slices, final VoxelSize voxel, final String phases) {
		return format(slices, voxel, phases, 1);
	}

	/**
	 * @param pages the pages of the file: {@code channels} per slice, channel first
	 * @param channels the channels of each slice (1: a plain stack; more: a hyperstack ImageJ opens with a
	 *          channel slider)
	 */
	static String format(final int pages, final VoxelSize voxel, final String phases, final int channels) {
		final int slices = pages / Math.max(1, channels);
		final StringBuilder sb = new StringBuilder("ImageJ=" + VERSION + "\n");
		if (channels > 1) {
			sb.append("images=").append(pages).append("\nchannels=").append(channels).append('\n');
			if (slices > 1) sb.append("slices=").append(slices).append('\n');
			sb.append("hyperstack=true\nmode=grayscale\n");
		}
		else if (slices > 1) sb.append("images=").append(slices).append("\nslices=").append(slices).append('\n');
		if (voxel.isKnown()) {
			sb.append("unit=").append(voxel.unit().equals("\u00b5m") ? "micron" : voxel.unit()).append('\n');
			if (voxel.z() != 1) sb.append("spacing=").append(String.format(Locale.ROOT, "%s", voxel.z()))
				.append('\n');
		}
		if (slices > 1) sb.append("loop=false\n");
		if (phases != null && !phases.isBlank()) sb.append(PHASES).append('=').append(phases.replace('\n', ' '))
			.append('\n');
		return sb.toString();
	}
}
