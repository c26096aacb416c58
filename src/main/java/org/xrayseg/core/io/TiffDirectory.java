package org.xrayseg.core.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.Map;

import org.xrayseg.core.error.InvalidInputException;

/**
 * One image directory (IFD) of a TIFF or BigTIFF file: the layout of one page
 * (strips or tiles, where they are, how they are compressed), its pixel type,
 * and the description and resolution tags that carry its calibration. A tag
 * given twice counts once, as first given (as libtiff and tifffile take it).
 */
final class TiffDirectory {

	/** The names of the tags read here, for messages about damaged ones */
	private static final Map<Integer, String> NAMES = Map.ofEntries(Map.entry(256, "ImageWidth"), Map.entry(257,
		"ImageLength"), Map.entry(258, "BitsPerSample"), Map.entry(259, "Compression"), Map.entry(262,
			"PhotometricInterpretation"), Map.entry(266, "FillOrder"), Map.entry(270, "ImageDescription"), Map.entry(
				273, "StripOffsets"), Map.entry(277, "SamplesPerPixel"), Map.entry(278, "RowsPerStrip"), Map.entry(279,
					"StripByteCounts"), Map.entry(282, "XResolution"), Map.entry(283, "YResolution"), Map.entry(284,
						"PlanarConfiguration"), Map.entry(296, "ResolutionUnit"), Map.entry(317, "Predictor"), Map.entry(
							322, "TileWidth"), Map.entry(323, "TileLength"), Map.entry(324, "TileOffsets"), Map.entry(325,
								"TileByteCounts"), Map.entry(338, "ExtraSamples"), Map.entry(339, "SampleFormat"));

	int width;
	int height;
	int bitsPerSample = 1;
	int samplesPerPixel = 1;
	int sampleFormat = 1;
	int compression = 1;
	int predictor = 1;
	/** 1: the first pixel of a byte in its most significant bit; 2: in its least (bits stored reversed) */
	int fillOrder = 1;
	/** PhotometricInterpretation, or -1 where the tag is missing */
	int photometric = -1;
	/** The number of ExtraSamples (alpha and other channels beyond the colour ones) */
	int extraSamples;
	/** What the first extra sample is: 0 unspecified, 1 associated alpha, 2 unassociated alpha */
	int extraSampleKind;
	int planarConfiguration = 1;
	int rowsPerStrip = Integer.MAX_VALUE;
	int tileWidth;
	int tileLength;
	/** Offsets and byte counts of the strips, or of the tiles of a tiled page */
	long[] offsets = new long[0];
	long[] byteCounts = new long[0];
	String description;
	/** 1 / XResolution: the pixel width in the resolution unit, or 0 if not given */
	double pixelWidth;
	/** 1 / YResolution, or 0 */
	double pixelHeight;
	int resolutionUnit = 2;

	private TiffDirectory() {}

	/** Reads the directory at {@code at}; EOFException if the file ends inside it. */
	static TiffDirectory read(final TiffFile tiff, final long at) throws IOException {
		final boolean big = tiff.bigTiff;
		final long count = big ? tiff.bytes(at, 8).getLong() : tiff.bytes(at, 2).getShort() & 0xffff;
		final int size = big ? 20 : 12;
		if (count < 0 || count > 4096) throw new IOException("a directory of " + count + " entries");
		final ByteBuffer all = tiff.bytes(at + (big ? 8 : 2), (int) count * size);
		final TiffDirectory d = new TiffDirectory();
		final BitSet seen = new BitSet(1 << 16);
		for (int i = 0; i < count; i++) {
			final ByteBuffer entry = all.slice(i * size, size).order(tiff.order);
			final int tag = entry.getShort() & 0xffff;
			final int type = entry.getShort() & 0xffff;
			final long n = big ? entry.getLong() : entry.getInt() & 0xffffffffL;
			if (seen.get(tag)) continue;
			seen.set(tag);
			d.field(tiff, tag, new Field(tag, type, n, entry.slice().order(tiff.order)));
		}
		return d;
	}

	/** @return the bytes of one slice, uncompressed (1-bit samples unpacked to a byte each) */
	long bytesPerSlice() {
		return (long) width * height * samplesPerPixel * Math.max(1, bitsPerSample / 8);
	}

	boolean tiled() {
		return tileWidth > 0;
	}

	private void field(final TiffFile tiff, final int tag, final Field f) throws IOException {
		switch (tag) {
			case 256: width = (int) f.first(tiff); break;
			case 257: height = (int) f.first(tiff); break;
			case 258: bitsPerSample = (int) f.first(tiff); break;
			case 259: compression = (int) f.first(tiff); break;
			case 262: photometric = (int) f.first(tiff); break;
			case 266: fillOrder = (int) f.first(tiff); break;
			case 270: description = f.ascii(tiff); break;
			case 273: case 324: offsets = f.longs(tiff); break;
			case 277: samplesPerPixel = (int) f.first(tiff); break;
			case 278: rowsPerStrip = (int) Math.min(Integer.MAX_VALUE, f.first(tiff)); break;
			case 279: case 325: byteCounts = f.longs(tiff); break;
			case 282: pixelWidth = f.inverseRational(tiff); break;
			case 283: pixelHeight = f.inverseRational(tiff); break;
			case 284: planarConfiguration = (int) f.first(tiff); break;
			case 296: resolutionUnit = (int) f.first(tiff); break;
			case 317: predictor = (int) f.first(tiff); break;
			case 322: tileWidth = (int) f.first(tiff); break;
			case 323: tileLength = (int) f.first(tiff); break;
			case 338:
				extraSamples = (int) Math.min(Integer.MAX_VALUE, f.count);
				extraSampleKind = (int) f.first(tiff);
				break;
			case 339: sampleFormat = (int) f.first(tiff); break;
			default:
		}
	}

	/** An entry's type, count and value field (the values themselves when they fit, else their offset). */
	private record Field(int tag, int type, long count, ByteBuffer value) {

		private ByteBuffer values(final TiffFile tiff, final long limit) throws IOException {
			final long total = count * typeSize(type);
			if (count < 0 || count > tiff.fileSize || total > tiff.fileSize || Math.min(total, limit) >
				Integer.MAX_VALUE - 8) throw damaged(tiff);
			if (total <= (tiff.bigTiff ? 8 : 4)) return value.duplicate().order(tiff.order);
			final long at = tiff.bigTiff ? value.getLong(0) : value.getInt(0) & 0xffffffffL;
			return tiff.bytes(at, (int) Math.min(total, limit)); // EOF: a file cut short
		}

		/** A count that claims more bytes than the whole file: no writer's slip, a damaged directory. */
		private InvalidInputException damaged(final TiffFile tiff) {
			return new InvalidInputException(tiff.file.getFileName() + " is damaged: its tag " + NAMES.getOrDefault(
				tag, "") + " (" + tag + ") claims " + Long.toUnsignedString(count) + " values of " + typeSize(type) +
				" bytes, more than the whole file (" + tiff.fileSize + " bytes): save it again with the program " +
				"that wrote it");
		}

		long first(final TiffFile tiff) throws IOException {
			return get(values(tiff, 8));
		}

		long[] longs(final TiffFile tiff) throws IOException {
			final ByteBuffer v = values(tiff, Long.MAX_VALUE);
			final long[] out = new long[(int) count];
			for (int i = 0; i < out.length; i++)
				out[i] = get(v);
			return out;
		}

		private long get(final ByteBuffer v) {
			switch (type) {
				case 1: case 7: return v.get() & 0xff;
				case 3: return v.getShort() & 0xffff;
				case 16: case 18: return v.getLong();
				default: return v.getInt() & 0xffffffffL;
			}
		}

		/** @return denominator / numerator of a RATIONAL (a pixel size from a resolution), or 0 */
		double inverseRational(final TiffFile tiff) throws IOException {
			if (type != 5) return 0;
			final ByteBuffer v = values(tiff, 8);
			final long num = v.getInt() & 0xffffffffL;
			final long den = v.getInt() & 0xffffffffL;
			return num == 0 || den == 0 ? 0 : den / (double) num;
		}

		String ascii(final TiffFile tiff) throws IOException {
			if (type != 2 || count > 1 << 20) return null;
			final ByteBuffer v = values(tiff, count);
			final byte[] b = new byte[(int) count];
			v.get(b);
			int n = b.length;
			while (n > 0 && b[n - 1] == 0)
				n--;
			return new String(b, 0, n, StandardCharsets.UTF_8);
		}

		private static int typeSize(final int type) {
			switch (type) {
				case 3: case 8: return 2;
				case 4: case 9: case 11: case 13: return 4;
				case 5: case 10: case 12: case 16: case 17: case 18: return 8;
				default: return 1;
			}
		}
	}
}
