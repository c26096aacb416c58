package org.xrayseg.core.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;

/**
 * Builds small TIFF and BigTIFF files byte by byte, independently of the code
 * under test: strips or tiles, uncompressed, LZW (libtiff's encoder, written
 * again), Deflate or PackBits, predictors 2 and 3, either byte order, an
 * optional description.
 */
final class TiffBuilder {

	boolean big;
	ByteOrder order = ByteOrder.LITTLE_ENDIAN;
	int width;
	int height;
	int bits = 16;
	int sampleFormat = 1;
	int compression = 1;
	int predictor = 1;
	/** rows per strip, or 0 for tiles of {@link #tile} x {@link #tile} */
	int rowsPerStrip;
	int tile = 16;
	String description;
	/** Only the first page gets a directory (ImageJ's layout past 4 GB); the others follow its pixels. */
	boolean onlyFirstDirectory;
	final List<short[]> pages = new ArrayList<>();

	TiffBuilder(final int width, final int height) {
		this.width = width;
		this.height = height;
		this.rowsPerStrip = height;
	}

	/** Value of pixel (x, y) of page z: distinct for every pixel of a small volume. */
	static int value(final int x, final int y, final int z) {
		return 1000 * z + 31 * y + x;
	}

	TiffBuilder pages(final int n) {
		for (int z = 0; z < n; z++) {
			final short[] p = new short[width * height];
			for (int y = 0; y < height; y++)
				for (int x = 0; x < width; x++)
					p[y * width + x] = (short) value(x, y, z);
			pages.add(p);
		}
		return this;
	}

	Path write(final Path file) throws IOException {
		final int header = big ? 16 : 8;
		final List<List<byte[]>> encoded = new ArrayList<>();
		for (final short[] page : pages)
			encoded.add(pieces(page));
		// ImageJ's layout puts its one directory first, the pixels after it; others here put directories last
		final long dataStart = header + (onlyFirstDirectory ? directory(header, new long[encoded.get(0).size()],
			new long[encoded.get(0).size()], true, false).length : 0);
		final List<long[]> offsets = new ArrayList<>();
		final List<long[]> counts = new ArrayList<>();
		final ByteArrayOutputStream pixels = new ByteArrayOutputStream();
		for (final List<byte[]> pieces : encoded) {
			final long[] offs = new long[pieces.size()];
			final long[] lens = new long[pieces.size()];
			for (int i = 0; i < pieces.size(); i++) {
				offs[i] = dataStart + pixels.size();
				lens[i] = pieces.get(i).length;
				pixels.write(pieces.get(i));
			}
			offsets.add(offs);
			counts.add(lens);
		}
		final ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(new byte[header]);
		final long first;
		if (onlyFirstDirectory) {
			first = header;
			out.write(directory(header, offsets.get(0), counts.get(0), true, false));
			pixels.writeTo(out);
		}
		else {
			pixels.writeTo(out);
			first = out.size();
			for (int z = 0; z < pages.size(); z++)
				out.write(directory(out.size(), offsets.get(z), counts.get(z), z == 0, z + 1 < pages.size()));
		}
		final ByteBuffer head = ByteBuffer.wrap(new byte[16]).order(order);
		head.put((byte) (order == ByteOrder.LITTLE_ENDIAN ? 'I' : 'M')).put(head.get(0));
		if (big) head.putShort((short) 43).putShort((short) 8).putShort((short) 0).putLong(first);
		else head.putShort((short) 42).putInt((int) first);
		final byte[] bytes = out.toByteArray();
		System.arraycopy(head.array(), 0, bytes, 0, header);
		return Files.write(file, bytes);
	}

	/** The strips or tiles of one page, encoded. */
	private List<byte[]> pieces(final short[] page) {
		final List<byte[]> pieces = new ArrayList<>();
		final int pw = rowsPerStrip > 0 ? width : tile;
		final int ph = rowsPerStrip > 0 ? rowsPerStrip : tile;
		for (int y0 = 0; y0 < height; y0 += ph)
			for (int x0 = 0; x0 < width; x0 += pw) {
				final int rows = rowsPerStrip > 0 ? Math.min(ph, height - y0) : ph;
				final ByteBuffer b = ByteBuffer.allocate(pw * rows * bits / 8).order(order);
				for (int y = y0; y < y0 + rows; y++)
					for (int x = x0; x < x0 + pw; x++) {
						final int v = x < width && y < height ? page[y * width + x] : 0;
						if (bits == 8) b.put((byte) v);
						else if (bits == 16) b.putShort((short) v);
						else b.putFloat(v);
					}
				pieces.add(encode(predict(b.array(), pw, rows)));
			}
		return pieces;
	}

	/** Applies the predictor to {@code rows} rows of {@code width} samples. */
	private byte[] predict(final byte[] raw, final int width, final int rows) {
		final int bytes = bits / 8;
		final int rowBytes = width * bytes;
		final ByteBuffer b = ByteBuffer.wrap(raw).order(order);
		for (int y = 0; y < rows; y++) {
			final int start = y * rowBytes;
			if (predictor == 2) for (int x = width - 1; x > 0; x--) {
				final int at = start + x * bytes;
				if (bytes == 1) raw[at] -= raw[at - 1];
				else if (bytes == 2) b.putShort(at, (short) (b.getShort(at) - b.getShort(at - 2)));
				else b.putInt(at, b.getInt(at) - b.getInt(at - 4));
			}
			if (predictor == 3) {
				final byte[] planes = new byte[rowBytes]; // most significant bytes of all samples first
				for (int x = 0; x < width; x++)
					for (int k = 0; k < bytes; k++)
						planes[k * width + x] = raw[start + x * bytes + (order == ByteOrder.BIG_ENDIAN ? k : bytes - 1 -
							k)];
				for (int i = rowBytes - 1; i > 0; i--)
					planes[i] -= planes[i - 1];
				System.arraycopy(planes, 0, raw, start, rowBytes);
			}
		}
		return raw;
	}

	private byte[] encode(final byte[] raw) {
		if (compression == 5) return lzw(raw);
		if (compression == 8) {
			final Deflater d = new Deflater();
			d.setInput(raw);
			d.finish();
			final byte[] buf = new byte[raw.length * 2 + 64];
			final int n = d.deflate(buf);
			d.end();
			return java.util.Arrays.copyOf(buf, n);
		}
		if (compression == 32773) { // PackBits: one run of a repeated first byte, then literal runs
			final ByteArrayOutputStream o = new ByteArrayOutputStream();
			int i = 0;
			int run = 1;
			while (run < raw.length && run < 128 && raw[run] == raw[0])
				run++;
			if (run >= 2) {
				o.write(1 - run);
				o.write(raw[0]);
				i = run;
			}
			for (; i < raw.length; i += 128) {
				final int n = Math.min(128, raw.length - i);
				o.write(n - 1);
				o.write(raw, i, n);
			}
			return o.toByteArray();
		}
		return raw;
	}

	/** LZW as libtiff writes it: MSB first, the code width grows when the next code reaches 2^width. */
	static byte[] lzw(final byte[] data) {
		final ByteArrayOutputStream out = new ByteArrayOutputStream();
		final long[] acc = new long[2]; // bits, number held
		final java.util.Map<Integer, Integer> table = new java.util.HashMap<>();
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

	private byte[] directory(final long at, final long[] offs, final long[] counts, final boolean first,
		final boolean more)
	{
		final List<long[]> entries = new ArrayList<>(); // tag, type, count, value-or-offset
		final ByteArrayOutputStream extra = new ByteArrayOutputStream();
		final byte[] text = first && description != null ? (description + "\0").getBytes(StandardCharsets.UTF_8)
			: null;
		final int entryCount = 10 + (text != null ? 1 : 0) + (rowsPerStrip > 0 ? 1 : 2) + (predictor != 1 ? 1 : 0);
		final int size = big ? 8 + entryCount * 20 + 8 : 2 + entryCount * 12 + 4;
		final long extraAt = at + size;
		entries.add(new long[] { 256, 4, 1, width });
		entries.add(new long[] { 257, 4, 1, height });
		entries.add(new long[] { 258, 3, 1, bits });
		entries.add(new long[] { 259, 3, 1, compression });
		entries.add(new long[] { 262, 3, 1, 1 });
		if (text != null) entries.add(new long[] { 270, 2, text.length, extraAt + put(extra, text) });
		final int offType = big ? 16 : 4;
		entries.add(new long[] { rowsPerStrip > 0 ? 273 : 324, offType, offs.length, array(offs, offType, extra,
			extraAt) });
		entries.add(new long[] { 277, 3, 1, 1 });
		if (rowsPerStrip > 0) entries.add(new long[] { 278, 4, 1, rowsPerStrip });
		else {
			entries.add(new long[] { 322, 4, 1, tile });
			entries.add(new long[] { 323, 4, 1, tile });
		}
		entries.add(new long[] { rowsPerStrip > 0 ? 279 : 325, offType, counts.length, array(counts, offType,
			extra, extraAt) });
		entries.add(new long[] { 284, 3, 1, 1 });
		if (predictor != 1) entries.add(new long[] { 317, 3, 1, predictor });
		entries.add(new long[] { 339, 3, 1, sampleFormat });
		entries.sort((a, b) -> Long.compare(a[0], b[0]));
		final ByteBuffer d = ByteBuffer.allocate(size).order(order);
		if (big) d.putLong(entries.size());
		else d.putShort((short) entries.size());
		for (final long[] e : entries) {
			d.putShort((short) e[0]).putShort((short) e[1]);
			if (big) d.putLong(e[2]);
			else d.putInt((int) e[2]);
			if (e[1] == 3 && e[2] == 1) { // values are left-justified in their field
				d.putShort((short) e[3]).putShort((short) 0);
				if (big) d.putInt(0);
			}
			else if (big && e[1] == 4 && e[2] == 1) d.putInt((int) e[3]).putInt(0);
			else if (big) d.putLong(e[3]);
			else d.putInt((int) e[3]);
		}
		final long next = more ? extraAt + extra.size() : 0;
		if (big) d.putLong(next);
		else d.putInt((int) next);
		final byte[] all = new byte[size + extra.size()];
		System.arraycopy(d.array(), 0, all, 0, size);
		System.arraycopy(extra.toByteArray(), 0, all, size, extra.size());
		return all;
	}

	/** @return the value itself for one element, else the offset where the array was put */
	private long array(final long[] values, final int type, final ByteArrayOutputStream extra, final long extraAt) {
		if (values.length == 1) return values[0];
		final ByteBuffer b = ByteBuffer.allocate(values.length * (type == 16 ? 8 : 4)).order(order);
		for (final long v : values)
			if (type == 16) b.putLong(v);
			else b.putInt((int) v);
		return extraAt + put(extra, b.array());
	}

	private static long put(final ByteArrayOutputStream extra, final byte[] bytes) {
		final long at = extra.size();
		extra.write(bytes, 0, bytes.length);
		if ((bytes.length & 1) == 1) extra.write(0);
		return at;
	}
}
