package org.xrayseg.core.io;

import java.util.Map;

import org.xrayseg.core.error.InvalidInputException;

/**
 * Which TIFF files can be read, decided from the first directory before any
 * pixel is: grey pixels of 8, 16 or 32 bits (integer or float, also 64-bit
 * float), uncompressed or compressed losslessly as TIFF writers usually do
 * (LZW, Deflate/zip, PackBits). Classic TIFF may also be JPEG or fax coded
 * (the JDK's reader decodes those); BigTIFF is decoded by {@link TiffPages}.
 */
final class TiffSupport {

	private static final Map<Integer, String> READABLE = Map.of(1, "none", 2, "CCITT RLE", 3, "CCITT fax 3", 4,
		"CCITT fax 4", 5, "LZW", 6, "old JPEG", 7, "JPEG", 8, "Deflate", 32946, "Deflate", 32773, "PackBits");

	private static final Map<Integer, String> KNOWN_UNREADABLE = Map.of(34712, "JPEG 2000", 33003, "JPEG 2000",
		33005, "JPEG 2000", 34925, "LZMA", 34887, "LERC", 50000, "Zstandard", 50001, "WebP", 52546, "JPEG XL");

	private TiffSupport() {}

	/** Throws a one-line error naming the file if the pixels of its first page cannot be read. */
	static void require(final TiffFile file) {
		require(file.file.getFileName().toString(), file.first, file.bigTiff);
	}

	/**
	 * Throws a one-line error naming {@code name} if the pixels of the page
	 * {@code tiff} cannot be read, by the JDK's reader or (BigTIFF) by {@link TiffPages}.
	 */
	static void require(final String name, final TiffDirectory tiff, final boolean bigTiff) {
		final boolean readable = bigTiff ? TiffCodecs.decodes(tiff.compression) : READABLE.containsKey(
			tiff.compression);
		if (!readable) throw new InvalidInputException(name + " uses TIFF compression " + READABLE.getOrDefault(
			tiff.compression, KNOWN_UNREADABLE.getOrDefault(tiff.compression, "code " + tiff.compression)) +
			", which cannot be read" + (bigTiff && READABLE.containsKey(tiff.compression) ? " in a BigTIFF" : "") +
			": save it uncompressed or with LZW, Deflate or PackBits");
		if (tiff.samplesPerPixel != 1) throw new InvalidInputException(name +
			" is a colour (RGB) image: convert it to 8-, 16- or 32-bit grey first (Image > Type in Fiji)");
		final int bits = tiff.bitsPerSample;
		final boolean floating = tiff.sampleFormat == 3;
		if (floating ? bits != 32 && bits != 64 : bits != 1 && bits != 8 && bits != 16 && bits != 32)
			throw new InvalidInputException(name + " has " + bits + "-bit " + (floating ? "floating-point" :
				"integer") + " pixels, which cannot be read: use 8-, 16- or 32-bit grey or 32-bit float");
	}
}
