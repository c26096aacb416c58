package org.xrayseg.core.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Writes TIFF and BigTIFF files byte by byte for tests, independently of the
 * reader: either byte order, strips or tiles, compression none, LZW (libtiff's
 * encoder, written again), Deflate or PackBits, FillOrder 1 or 2 (bits of every
 * stored byte reversed after compression), Predictor 1, 2 or 3, samples of 1
 * to 64 bits, random pages or pages of {@link #value} ({@link #counting}), an
 * ImageJ description, and ImageJ's layout past 4 GB (one directory, every
 * page's pixels after it: {@link #onlyFirstDirectory}). Any tag may be
 * replaced ({@link #tag}) or given twice, or with a count that the file cannot
 * hold ({@link #extra}).
 */
final class GeneratedTiff {

	/** A TIFF sample type: bits and SampleFormat (1 unsigned, 2 signed, 3 float). */
	enum Sample {
		BIT(1, 1), UINT8(8, 1), INT8(8, 2), UINT16(16, 1), INT16(16, 2), UINT32(32, 1), INT32(32, 2), FLOAT32(32, 3),
		FLOAT64(64, 3);

		final int bits;
		final int format;

		Sample(final int bits, final int format) {
			this.bits = bits;
			this.format = format;
		}

		/** @return a value of this type: random over its whole range, or a run (the same value) every fourth row */
		double value(final Random random, final int y) {
			if (y % 4 == 1) return this == BIT ? 1 : 7;
			if (format == 3) return bits == 32 ? (float) (random.nextGaussian() * 1e4) : random.nextGaussian() * 1e9;
			final long v = random.nextLong() >>> 64 - bits;
			return held(v);
		}

		/** @return {@code v} as this type holds it: integers cut to their bits (signed where signed), floats as is */
		double held(final long v) {
			if (format == 3) return bits == 32 ? (float) v : v;
			final long low = v & (1L << bits) - 1;
			return format == 2 && low >= 1L << bits - 1 ? low - (1L << bits) : low;
		}
	}

	/** One directory entry: tag, type, values; {@code count} differs from the values' only where damaged. */
	record Entry(int tag, int type, long[] values, long count) {

		Entry(final int tag, final int type, final long... values) {
			this(tag, type, values, values.length);
		}
	}

	boolean big;
	ByteOrder order = ByteOrder.LITTLE_ENDIAN;
	final int width;
	final int height;
	final Sample sample;
	int compression = 1;
	int predictor = 1;
	int fillOrder = 1;
	int rowsPerStrip = 5;
	/** Tiles of tile x tile pixels where not 0, else strips */
	int tile;
	/** Only the first page gets a directory (ImageJ's layout past 4 GB): right after the header, all pixels after it */
	boolean onlyFirstDirectory;
	final List<double[]> pages = new ArrayList<>();
	/** Entries written in place of the ones this writes itself, on every page */
	final TreeMap<Integer, Entry> tags = new TreeMap<>();
	/** Entries written after all others of the same tag: second copies, damaged counts */
	final List<Entry> extra = new ArrayList<>();

	/** {@code pages} pages of {@code sample} values from a fixed seed. */
	GeneratedTiff(final int width, final int height, final Sample sample, final int pages) {
		this.width = width;
		this.height = height;
		this.sample = sample;
		final Random random = new Random(width * 31 + height + sample.ordinal());
		for (int z = 0; z < pages; z++) {
			final double[] v = new double[width * height];
			for (int i = 0; i < v.length; i++)
				v[i] = sample.value(random, i / width);
			this.pages.add(v);
		}
	}

	/** {@code pages} pages of {@link #value}(x, y, z) as {@code sample} holds them, each page in one strip. */
	static GeneratedTiff counting(final int width, final int height, final Sample sample, final int pages) {
		final GeneratedTiff t = new GeneratedTiff(width, height, sample, 0);
		for (int z = 0; z < pages; z++) {
			final double[] v = new double[width * height];
			for (int y = 0; y < height; y++)
				for (int x = 0; x < width; x++)
					v[y * width + x] = sample.held(value(x, y, z));
			t.pages.add(v);
		}
		t.rowsPerStrip = height;
		return t;
	}

	/** Value of pixel (x, y) of page z of a {@link #counting} file: distinct for every pixel of a small volume. */
	static int value(final int x, final int y, final int z) {
		return 1000 * z + 31 * y + x;
	}

	/** ImageDescription (270) on every page: {@code text} and the NUL that ends it. */
	GeneratedTiff description(final String text) {
		final byte[] bytes = (text + "\0").getBytes(StandardCharsets.UTF_8);
		final long[] values = new long[bytes.length];
		for (int i = 0; i < bytes.length; i++)
			values[i] = bytes[i] & 0xff;
		return tag(270, 2, values);
	}

	GeneratedTiff tag(final int tag, final int type, final long... values) {
		tags.put(tag, new Entry(tag, type, values));
		return this;
	}

	Path write(final Path file) throws IOException {
		final int header = big ? 16 : 8;
		final List<List<byte[]>> coded = new ArrayList<>();
		for (final double[] page : pages)
			coded.add(pieces(page));
		// ImageJ's layout puts its one directory first and the pixels after it; otherwise the directories come last
		final long start = header + (onlyFirstDirectory ? directory(header, new long[2][coded.get(0).size()], false)
			.length : 0);
		final ByteArrayOutputStream pixels = new ByteArrayOutputStream();
		final List<long[][]> layout = new ArrayList<>(); // per page: offsets, byte counts
		for (final List<byte[]> pieces : coded) {
			final long[][] where = new long[2][pieces.size()];
			for (int i = 0; i < pieces.size(); i++) {
				where[0][i] = start + pixels.size();
				where[1][i] = pieces.get(i).length;
				pixels.write(pieces.get(i));
			}
			layout.add(where);
		}
		final ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(new byte[header]);
		final long first;
		if (onlyFirstDirectory) {
			first = header;
			out.write(directory(header, layout.get(0), false));
			pixels.writeTo(out);
		}
		else {
			pixels.writeTo(out);
			if (out.size() % 2 == 1) out.write(0); // directories start on a word boundary
			first = out.size();
			for (int z = 0; z < pages.size(); z++)
				out.write(directory(out.size(), layout.get(z), z + 1 < pages.size()));
		}
		final byte[] bytes = out.toByteArray();
		final ByteBuffer head = ByteBuffer.wrap(bytes).order(order);
		head.put((byte) (order == ByteOrder.LITTLE_ENDIAN ? 'I' : 'M')).put(bytes[0]);
		if (big) head.putShort((short) 43).putShort((short) 8).putShort((short) 0).putLong(first);
		else head.putShort((short) 42).putInt((int) first);
		return Files.write(file, bytes);
	}

	/** The strips or tiles of one page: samples, predictor, compression, then fill order. */
	private List<byte[]> pieces(final double[] page) {
		final List<byte[]> pieces = new ArrayList<>();
		final int pw = tile > 0 ? tile : width;
		final int ph = tile > 0 ? tile : rowsPerStrip;
		for (int y0 = 0; y0 < height; y0 += ph)
			for (int x0 = 0; x0 < width; x0 += pw) {
				final int rows = tile > 0 ? ph : Math.min(ph, height - y0);
				final byte[] raw = samples(page, x0, y0, pw, rows);
				if (predictor != 1) predict(raw, pw, rows);
				final byte[] coded = encode(raw);
				if (fillOrder == 2) for (int i = 0; i < coded.length; i++)
					coded[i] = (byte) (Integer.reverse(coded[i]) >>> 24);
				pieces.add(coded);
			}
		return pieces;
	}

	/** Samples of a {@code w} x {@code rows} piece at (x0, y0), zero beyond the image; 1-bit rows padded to bytes. */
	private byte[] samples(final double[] page, final int x0, final int y0, final int w, final int rows) {
		final int rowBytes = sample == Sample.BIT ? (w + 7) / 8 : w * sample.bits / 8;
		final ByteBuffer b = ByteBuffer.allocate(rowBytes * rows).order(order);
		for (int y = y0; y < y0 + rows; y++)
			for (int x = x0; x < x0 + w; x++) {
				final double v = x < width && y < height ? page[y * width + x] : 0;
				final long bits = (long) v;
				switch (sample) {
					case BIT: if (v != 0) b.put((y - y0) * rowBytes + (x - x0) / 8, (byte) (b.get((y - y0) * rowBytes +
						(x - x0) / 8) | 0x80 >> (x - x0) % 8)); break;
					case UINT8: case INT8: b.put((byte) bits); break;
					case UINT16: case INT16: b.putShort((short) bits); break;
					case UINT32: case INT32: b.putInt((int) bits); break;
					case FLOAT32: b.putFloat((float) v); break;
					default: b.putDouble(v);
				}
			}
		return b.array();
	}

	/** Horizontal differencing (2) or floating point (3), row by row, in place. */
	private void predict(final byte[] raw, final int w, final int rows) {
		final int bytes = sample.bits / 8;
		final int rowBytes = w * bytes;
		final ByteBuffer b = ByteBuffer.wrap(raw).order(order);
		for (int y = 0; y < rows; y++) {
			final int start = y * rowBytes;
			if (predictor == 2) for (int x = w - 1; x > 0; x--) {
				final int at = start + x * bytes;
				switch (bytes) {
					case 1: raw[at] -= raw[at - 1]; break;
					case 2: b.putShort(at, (short) (b.getShort(at) - b.getShort(at - 2))); break;
					case 4: b.putInt(at, b.getInt(at) - b.getInt(at - 4)); break;
					default: b.putLong(at, b.getLong(at) - b.getLong(at - 8));
				}
			}
			else { // bytes regrouped most significant first, whatever the byte order, then differenced
				final byte[] planes = new byte[rowBytes];
				for (int x = 0; x < w; x++)
					for (int k = 0; k < bytes; k++)
						planes[k * w + x] = raw[start + x * bytes + (order == ByteOrder.BIG_ENDIAN ? k : bytes - 1 - k)];
				for (int i = rowBytes - 1; i > 0; i--)
					planes[i] -= planes[i - 1];
				System.arraycopy(planes, 0, raw, start, rowBytes);
			}
		}
	}

	private byte[] encode(final byte[] raw) {
		switch (compression) {
			case 5: return lzw(raw);
			case 8: {
				final java.util.zip.Deflater d = new java.util.zip.Deflater();
				d.setInput(raw);
				d.finish();
				final byte[] buf = new byte[raw.length * 2 + 64];
				final int n = d.deflate(buf);
				d.end();
				return java.util.Arrays.copyOf(buf, n);
			}
			case 32773: return packBits(raw);
			default: return raw;
		}
	}

	/** PackBits: runs of 2 to 128 equal bytes as (1 - n, byte), other bytes as literal runs of 1 to 128. */
	static byte[] packBits(final byte[] raw) {
		final ByteArrayOutputStream o = new ByteArrayOutputStream();
		int i = 0;
		while (i < raw.length) {
			int run = 1;
			while (i + run < raw.length && run < 128 && raw[i + run] == raw[i])
				run++;
			if (run >= 2) {
				o.write(1 - run);
				o.write(raw[i]);
				i += run;
				continue;
			}
			int end = i + 1;
			while (end < raw.length && end - i < 128 && !(end + 1 < raw.length && raw[end] == raw[end + 1]))
				end++;
			o.write(end - i - 1);
			o.write(raw, i, end - i);
			i = end;
		}
		return o.toByteArray();
	}

	/** LZW as libtiff writes it: MSB first, the code width grows when the next code reaches 2^width. */
	static byte[] lzw(final byte[] data) {
		final ByteArrayOutputStream out = new ByteArrayOutputStream();
		final long[] acc = new long[2]; // bits, number held
		final Map<Integer, Integer> table = new HashMap<>();
		int width = 9;
		int next = 258;
		put(out, acc, 256, width);
		int w = data[0] & 0xff;
		for (int i = 1; i < data.length; i++) {
			final int key = w << 8 | data[i] & 0xff;
			final Integer known = table.get(key);
			if (known != null) {
				w = known;
				continue;
			}
			put(out, acc, w, width);
			table.put(key, next++);
			if (next == 4094) {
				put(out, acc, 256, width);
				table.clear();
				next = 258;
				width = 9;
			}
			else if (next > (1 << width) - 1) width++;
			w = data[i] & 0xff;
		}
		put(out, acc, w, width);
		if (++next > (1 << width) - 1) width++;
		put(out, acc, 257, width);
		if (acc[1] > 0) out.write((int) (acc[0] << 8 - acc[1]));
		return out.toByteArray();
	}

	private static void put(final ByteArrayOutputStream out, final long[] acc, final int code, final int width) {
		acc[0] = acc[0] << width | code;
		acc[1] += width;
		while (acc[1] >= 8) {
			out.write((int) (acc[0] >>> acc[1] - 8));
			acc[1] -= 8;
		}
	}

	/** One page's directory, at {@code at}, followed by the values that do not fit in their entries. */
	private byte[] directory(final long at, final long[][] where, final boolean more) {
		final TreeMap<Integer, Entry> own = new TreeMap<>();
		final int offsetType = big ? 16 : 4;
		for (final Entry e : new Entry[] { new Entry(256, 4, width), new Entry(257, 4, height), new Entry(258, 3,
			sample.bits), new Entry(259, 3, compression), new Entry(262, 3, 1), new Entry(277, 3, 1), new Entry(284, 3,
				1), new Entry(339, 3, sample.format), new Entry(tile > 0 ? 324 : 273, offsetType, where[0]), new Entry(
					tile > 0 ? 325 : 279, offsetType, where[1]) })
			own.put(e.tag, e);
		if (tile > 0) {
			own.put(322, new Entry(322, 4, tile));
			own.put(323, new Entry(323, 4, tile));
		}
		else own.put(278, new Entry(278, 4, rowsPerStrip));
		if (predictor != 1) own.put(317, new Entry(317, 3, predictor));
		if (fillOrder != 1) own.put(266, new Entry(266, 3, fillOrder));
		own.putAll(tags);
		final List<Entry> entries = new ArrayList<>(own.values());
		entries.addAll(extra);
		entries.sort((a, b) -> Integer.compare(a.tag, b.tag)); // stable: a second copy stays second
		final int entrySize = big ? 20 : 12;
		final int size = big ? 8 + entries.size() * 20 + 8 : 2 + entries.size() * 12 + 4;
		final ByteBuffer d = ByteBuffer.allocate(size).order(order);
		final ByteArrayOutputStream values = new ByteArrayOutputStream();
		if (big) d.putLong(entries.size());
		else d.putShort((short) entries.size());
		for (final Entry e : entries) {
			d.putShort((short) e.tag).putShort((short) e.type);
			if (big) d.putLong(e.count);
			else d.putInt((int) e.count);
			final byte[] v = values(e);
			final int field = entrySize - 4 - (big ? 8 : 4);
			if (v.length <= field && e.count == e.values.length) d.put(java.util.Arrays.copyOf(v, field));
			else {
				final long offset = at + size + values.size();
				if (big) d.putLong(offset);
				else d.putInt((int) offset);
				values.write(v, 0, v.length);
				if (values.size() % 2 == 1) values.write(0);
			}
		}
		if (big) d.putLong(more ? at + size + values.size() : 0);
		else d.putInt((int) (more ? at + size + values.size() : 0));
		final byte[] all = java.util.Arrays.copyOf(d.array(), size + values.size());
		System.arraycopy(values.toByteArray(), 0, all, size, values.size());
		return all;
	}

	private byte[] values(final Entry e) {
		final int size = e.type == 3 ? 2 : e.type == 16 ? 8 : e.type == 4 ? 4 : 1;
		final ByteBuffer b = ByteBuffer.allocate(e.values.length * size).order(order);
		for (final long v : e.values)
			if (size == 2) b.putShort((short) v);
			else if (size == 4) b.putInt((int) v);
			else if (size == 8) b.putLong(v);
			else b.put((byte) v);
		return b.array();
	}
}
