package org.xrayseg.core.io;

import java.util.Map;

/**
 * Voxel size in TIFF files, as ImageJ reads and writes it: pixel width and
 * height are the inverse of the XResolution and YResolution tags; the unit is
 * ImageJ's {@code unit=} in the description, else the ResolutionUnit tag (inch
 * or cm); the slice spacing is ImageJ's {@code spacing=}, else 1 (ImageJ's
 * default). Without a unit, or with the 72 dpi that many programs write into
 * every file, the size is {@link VoxelSize#UNKNOWN}.
 */
final class TiffCalibration {

	private static final int INCH = 2;
	private static final int CENTIMETRE = 3;

	private TiffCalibration() {}

	/** @return the voxel size that the directory {@code tiff} (a file's first) records */
	static VoxelSize read(final TiffDirectory tiff) {
		final Map<String, String> imagej = ImageJDescription.parse(tiff.description);
		String unit = imagej.get("unit");
		if (unit == null && tiff.pixelWidth > 0) unit = tiff.resolutionUnit == INCH ? "inch" : tiff
			.resolutionUnit == CENTIMETRE ? "cm" : null;
		if (unit == null || unit.isBlank()) return VoxelSize.UNKNOWN;
		if ("inch".equals(unit) && Math.abs(tiff.pixelWidth * 72 - 1) < 1e-9 && !imagej.containsKey("unit"))
			return VoxelSize.UNKNOWN;
		final double x = tiff.pixelWidth > 0 ? tiff.pixelWidth : 1;
		final double y = tiff.pixelHeight > 0 ? tiff.pixelHeight : x;
		final double z = ImageJDescription.positive(imagej.get("spacing"));
		return new VoxelSize(x, y, Double.isNaN(z) ? 1 : z, unit);
	}

	/** @return ImageJ's ResolutionUnit tag value for {@code unit}: inch, cm, or none */
	static int resolutionUnit(final String unit) {
		return "inch".equals(unit) ? INCH : "cm".equals(unit) ? CENTIMETRE : 1;
	}

	/**
	 * @return {numerator, denominator} of the fraction closest to {@code value}
	 *         whose terms fit an unsigned 32-bit TIFF RATIONAL (continued
	 *         fractions: 1 / 0.65 is stored as 20/13, exactly)
	 */
	static long[] rational(final double value) {
		final long max = 0xffffffffL;
		long p0 = 0, q0 = 1, p1 = 1, q1 = 0;
		double rest = value;
		for (int i = 0; i < 64; i++) {
			final long a = (long) Math.floor(rest);
			final long p2 = a * p1 + p0;
			final long q2 = a * q1 + q0;
			if (a < 0 || p2 > max || q2 > max || p2 < 0 || q2 < 0) break;
			p0 = p1;
			q0 = q1;
			p1 = p2;
			q1 = q2;
			final double frac = rest - a;
			if (frac < 1e-12 || Math.abs(p1 / (double) q1 - value) <= Math.ulp(value)) break;
			rest = 1 / frac;
		}
		return q1 == 0 ? new long[] { max, 1 } : new long[] { p1, q1 };
	}
}
