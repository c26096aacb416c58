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
