package org.xrayseg.core.io;

import java.util.Map;

import org.xrayseg.core.error.InvalidInputException;

/**
 * Which TIFF files can be read, decided from a directory before any pixel is:
 * grey pixels of 1, 8, 16 or 32 bits (integer), 32 or 64 bits (float),
 * uncompressed or compressed losslessly as TIFF writers usually do (LZW,
 * Deflate/zip, PackBits), decoded by {@link TiffPages} in TIFF and BigTIFF
 * alike. Classic TIFF may also be JPEG or fax coded: the JDK's reader decodes
 * those ({@link #jdkOnly}). Everything else is refused in one line that says
 * what the file is.
 */
final class TiffSupport {

	private static final String GREY = ": convert it to 8-, 16- or 32-bit grey first (Image > Type in Fiji)";
	private static final String LOSSLESS = ": save it uncompressed or with LZW, Deflate or PackBits";

	/** The compressions that only the JDK's reader decodes, in classic TIFF */
	private static final Map<Integer, String> JDK_ONLY = Map.of(2, "CCITT RLE", 3, "CCITT Group 3 fax", 4,
		"CCITT Group 4 fax", 6, "old-style JPEG", 7, "JPEG");

	private static final Map<Integer, String> KNOWN_UNREADABLE = Map.ofEntries(Map.entry(34712, "JPEG 2000"), Map
		.entry(33003, "JPEG 2000"), Map.entry(33005, "JPEG 2000"), Map.entry(34925, "LZMA"), Map.entry(34887, "LERC"),
		Map.entry(50000, "Zstandard"), Map.entry(34926, "Zstandard"), Map.entry(50001, "WebP"), Map.entry(34927,
			"WebP"), Map.entry(52546, "JPEG XL"), Map.entry(34676, "SGILog"), Map.entry(34677, "SGILog24"), Map.entry(
				32809, "ThunderScan"));

	/** PhotometricInterpretation of images that are not grey */
	private static final Map<Integer, String> NOT_GREY = Map.ofEntries(Map.entry(2, "a colour (RGB) image"), Map
		.entry(4, "a transparency mask"), Map.entry(5, "a CMYK image"), Map.entry(6, "a YCbCr colour image"), Map
			.entry(8, "a CIELab colour image"), Map.entry(9, "an ICC Lab colour image"), Map.entry(10,
				"an ITU Lab colour image"), Map.entry(32803, "a colour filter array (raw camera) image"), Map.entry(32844,
					"a LogL (high dynamic range) image"), Map.entry(32845, "a LogLuv colour image"), Map.entry(34892,
						"a linear raw camera image"));

	private TiffSupport() {}

	/** Throws a one-line error naming the file if the pixels of its first page cannot be read. */
	static void require(final TiffFile file) {
		require(file.file.getFileName().toString(), file.first, file.bigTiff, !jdkOnly(file));
	}

	/** @return true if the pages of {@code file} are left to the JDK's reader (classic TIFF, JPEG or fax) */
	static boolean jdkOnly(final TiffFile file) {
		return !file.bigTiff && JDK_ONLY.containsKey(file.first.compression);
	}

	/** @return what a file left to the JDK's reader is, for its errors: "a 1-bit CCITT Group 3 fax image" */
	static String jdkKind(final TiffDirectory tiff) {
		final String name = JDK_ONLY.getOrDefault(tiff.compression, "compressed");
		return tiff.compression < 6 ? "a " + tiff.bitsPerSample + "-bit " + name + " image" : "a " + name +
			"-compressed TIFF image";
	}

	/** @return what to do with a file of {@link #jdkKind} that the JDK's reader failed on */
	static String jdkAdvice(final TiffDirectory tiff) {
		return tiff.compression < 6 ? ": save it as 8-bit uncompressed TIFF" : LOSSLESS;
	}

	/**
	 * Throws a one-line error naming {@code name} if the page {@code tiff}
	 * cannot be read: by {@link TiffPages} where {@code ownDecoder}, else by the JDK's reader.
	 */
	static void require(final String name, final TiffDirectory tiff, final boolean bigTiff,
		final boolean ownDecoder)
	{
		final String kind = notGrey(tiff);
		if (kind != null) throw new InvalidInputException(name + " is " + kind + GREY);
		final boolean readable = ownDecoder ? TiffCodecs.decodes(tiff.compression) : JDK_ONLY.containsKey(
			tiff.compression);
		if (!readable) throw new InvalidInputException(name + " uses TIFF compression " + JDK_ONLY.getOrDefault(
			tiff.compression, KNOWN_UNREADABLE.getOrDefault(tiff.compression, "code " + tiff.compression)) +
			", which cannot be read" + (JDK_ONLY.containsKey(tiff.compression) ? bigTiff ? " in a BigTIFF"
				: " after slices compressed otherwise" : "") + LOSSLESS);
		final int bits = tiff.bitsPerSample;
		final boolean floating = tiff.sampleFormat == 3;
		if (tiff.sampleFormat == 5 || tiff.sampleFormat == 6) throw new InvalidInputException(name + " has " +
			bits + "-bit complex pixels, which cannot be read" + GREY);
		if (floating ? bits != 32 && bits != 64 : bits != 1 && bits != 8 && bits != 16 && bits != 32)
			throw new InvalidInputException(name + " has " + bits + "-bit " + (floating ? "floating-point" :
				"integer") + " pixels, which cannot be read: use 8-, 16- or 32-bit grey or 32-bit float");
		if (ownDecoder && TiffCodecs.predicts(tiff.compression) && (tiff.predictor < 1 || tiff.predictor > 3))
			throw new InvalidInputException(name + " uses TIFF predictor " + tiff.predictor +
				", which cannot be read" + LOSSLESS);
	}

	/** @return what the page is if it is not grey ("a CMYK image"), else null */
	private static String notGrey(final TiffDirectory tiff) {
		final String kind = NOT_GREY.get(tiff.photometric);
		if (kind != null) return kind;
		final boolean grey = tiff.photometric == 0 || tiff.photometric == 1 || tiff.photometric == 3;
		if (!grey && tiff.photometric != -1) return "an image of PhotometricInterpretation " + tiff.photometric;
		final int samples = tiff.samplesPerPixel;
		if (samples <= 1) return null;
		if (!grey && samples >= 3) return NOT_GREY.get(2); // no tag: as TIFF readers guess, RGB
		final String extra = tiff.extraSamples == 1 ? tiff.extraSampleKind == 0 ? "an extra channel"
			: "an alpha channel" : (samples - 1) + " extra channels";
		return (tiff.photometric == 3 ? "a palette image" : "grey") + " with " + extra + " (" + samples +
			" samples per pixel)";
	}
}
