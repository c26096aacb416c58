package org.xrayseg.core.io;

import java.util.Locale;

/**
 * The size of one voxel of a volume: width (x), height (y) and slice spacing
 * (z), in {@code unit}. A source that does not know its calibration says
 * {@link #UNKNOWN}: 1 x 1 x 1 "pixel", as ImageJ calls an uncalibrated image.
 *
 * @param x pixel width, finite and positive
 * @param y pixel height, finite and positive
 * @param z slice spacing, finite and positive
 * @param unit the length unit, e.g. "µm" (never blank)
 */
public record VoxelSize(double x, double y, double z, String unit) {

	/** No calibration: sizes are counted in pixels. */
	public static final VoxelSize UNKNOWN = new VoxelSize(1, 1, 1, "pixel");

	public VoxelSize {
		if (!(x > 0 && y > 0 && z > 0) || Double.isInfinite(x) || Double.isInfinite(y) || Double.isInfinite(z))
			throw new IllegalArgumentException("voxel size " + x + " x " + y + " x " + z);
		unit = normalUnit(unit);
	}

	/**
	 * @param text as after {@code voxel_size=}: one size for all three axes or
	 *          x,y,z (also x by y by z with an "x"), then the unit, e.g. "0.65 µm",
	 *          "0.5,0.5,1.2 um", "10x10x20 nm"
	 * @return the voxel size, or null for a blank text
	 * @throws InvalidInputException for sizes that are not positive numbers
	 */
	public static VoxelSize parse(final String text) {
		if (text == null || text.isBlank()) return null;
		final java.util.regex.Matcher m = java.util.regex.Pattern.compile(
			"\\s*([-+0-9.eE]+)(?:\\s*[,x]\\s*([-+0-9.eE]+)\\s*[,x]\\s*([-+0-9.eE]+))?\\s*(\\S*)\\s*").matcher(text);
		try {
			if (!m.matches() || m.group(4).isEmpty()) throw new NumberFormatException();
			final double x = Double.parseDouble(m.group(1));
			final double y = m.group(2) == null ? x : Double.parseDouble(m.group(2));
			final double z = m.group(3) == null ? x : Double.parseDouble(m.group(3));
			if (!(x > 0 && y > 0 && z > 0) || Double.isInfinite(x + y + z)) throw new NumberFormatException();
			return new VoxelSize(x, y, z, m.group(4));
		}
		catch (final NumberFormatException e) {
			throw new org.xrayseg.core.error.InvalidInputException("voxel_size must be one positive size or three " +
				"(x,y,z) followed by the unit, e.g. 0.65 µm or 0.5,0.5,1.2 um, not '" + text.trim() + "'");
		}
	}

	/** @return true unless this is {@link #UNKNOWN} */
	public boolean isKnown() {
		return !equals(UNKNOWN);
	}

	/** "micron", "um" and "\u03bcm" (Greek mu) all mean µm; a blank unit means pixels. */
	static String normalUnit(final String unit) {
		if (unit == null || unit.isBlank()) return "pixel";
		final String u = unit.trim();
		switch (u.toLowerCase(Locale.ROOT)) {
			case "micron":
			case "microns":
			case "um":
			case "\u00b5m":
			case "\u03bcm":
				return "\u00b5m";
			case "pixels":
				return "pixel";
			default:
				return u;
		}
	}

	@Override
	public String toString() {
		return x + " x " + y + " x " + z + " " + unit;
	}
}
