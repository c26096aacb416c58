package org.xrayseg.core.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The lossless TIFF compressions, decoded from one strip or tile: LZW (5),
 * Deflate (8 and 32946), PackBits (32773); the predictors that precede
 * them: horizontal differencing (2) and floating point (3); bits stored in
 * reverse order (FillOrder 2) and 1-bit samples.
 */
final class TiffCodecs {

	static final int LZW = 5;
	static final int DEFLATE = 8;
	static final int DEFLATE_OLD = 32946;
	static final int PACKBITS = 32773;

	private static final int CLEAR = 256;
	private static final int END = 257;

	private TiffCodecs() {}

	/** @return true if {@link #decode} reads {@code compression} */
	static boolean decodes(final int compression) {
		return compression == TiffFile.NONE || compression == LZW || compression == DEFLATE ||
			compression == DEFLATE_OLD || compression == PACKBITS;
	}

	/** @return true if {@code compression} takes a predictor (libtiff ignores the tag with the others) */
	static boolean predicts(final int compression) {
		return compression == LZW || compression == DEFLATE || compression == DEFLATE_OLD;
	}

	/** Reverses the bits of every byte in place: FillOrder 2, the first bit in the least significant one. */
	static void reverseBits(final byte[] data) {
		for (int i = 0; i < data.length; i++)
			data[i] = (byte) (Integer.reverse(data[i]) >>> 24);
	}

	/** @return rows of 1-bit samples (each row padded to whole bytes), one byte (0 or 1) a sample */
	static byte[] unpackBits(final byte[] packed, final int width, final int rows) {
		final int rowBytes = (width + 7) / 8;
		final byte[] out = new byte[width * rows];
		for (int y = 0; y < rows; y++)
			for (int x = 0; x < width; x++)
				out[y * width + x] = (byte) (packed[y * rowBytes + (x >> 3)] >> 7 - (x & 7) & 1);
		return out;
	}

	/** @return {@code length} decoded bytes (zero-padded if the data holds fewer) */
	static byte[] decode(final int compression, final byte[] in, final int length) throws IOException {
		switch (compression) {
			case LZW: return lzw(in, length);
			case DEFLATE: case DEFLATE_OLD: return inflate(in, length);
			case PACKBITS: return packBits(in, length);
			default: return in.length == length ? in : java.util.Arrays.copyOf(in, length);
		}
	}

	/** TIFF's LZW: codes of 9 to 12 bits, most significant bit first, the width growing one code early. */
	static byte[] lzw(final byte[] in, final int length) throws IOException {
		final byte[] out = new byte[length];
		final int[] prefix = new int[4096];
		final byte[] suffix = new byte[4096];
		final int[] size = new int[4096];
		for (int i = 0; i < 256; i++) {
			suffix[i] = (byte) i;
			size[i] = 1;
		}
		int next = 258;
		int width = 9;
		int previous = -1;
		int written = 0;
		long bits = 0;
		int held = 0;
		int read = 0;
		while (written < length) {
			while (held < width && read < in.length) {
				bits = bits << 8 | in[read++] & 0xff;
				held += 8;
			}
			if (held < width) break;
			final int code = (int) (bits >>> held - width) & (1 << width) - 1;
			held -= width;
			if (code == END) break;
			if (code == CLEAR) {
				next = 258;
				width = 9;
				previous = -1;
				continue;
			}
			if (previous == -1) {
				if (code > 255) throw new IOException("LZW data starts with code " + code);
				out[written++] = (byte) code;
				previous = code;
				continue;
			}
			if (code > next || code == next && next >= 4096) throw new IOException("LZW code " + code +
				" out of sequence");
			final int entry = code < next ? code : previous;
			final int start = written;
			written = copy(entry, prefix, suffix, size, out, written);
			final byte firstByte = out[start];
			if (code == next && written < length) out[written++] = firstByte;
			if (next < 4096) {
				prefix[next] = previous;
				suffix[next] = firstByte;
				size[next] = size[previous] + 1;
				next++;
			}
			if (next == (1 << width) - 1 && width < 12) width++;
			previous = code;
		}
		return out;
	}

	/** Writes string {@code code} at {@code at}, as much as fits; returns the new end. */
	private static int copy(final int code, final int[] prefix, final byte[] suffix, final int[] size,
		final byte[] out, final int at)
	{
		final int n = size[code];
		int c = code;
		for (int i = n - 1; i >= 0; i--) {
			if (at + i < out.length) out[at + i] = suffix[c];
			c = prefix[c];
		}
		return Math.min(at + n, out.length);
	}

	static byte[] inflate(final byte[] in, final int length) throws IOException {
		final Inflater inflater = new Inflater();
		try {
			inflater.setInput(in);
			final byte[] out = new byte[length];
			int n = 0;
			while (n < length && !inflater.finished()) {
				final int got = inflater.inflate(out, n, length - n);
				if (got == 0 && (inflater.needsInput() || inflater.needsDictionary())) break;
				n += got;
			}
			return out;
		}
		catch (final DataFormatException e) {
			throw new IOException("damaged Deflate data: " + e.getMessage(), e);
		}
		finally {
			inflater.end();
		}
	}

	static byte[] packBits(final byte[] in, final int length) {
		final byte[] out = new byte[length];
		int i = 0;
		int o = 0;
		while (i < in.length && o < length) {
			final int n = in[i++];
			if (n >= 0) {
				final int count = Math.min(n + 1, Math.min(length - o, in.length - i));
				System.arraycopy(in, i, out, o, count);
				i += n + 1;
				o += count;
			}
			else if (n != -128 && i < in.length) {
				final int count = Math.min(1 - n, length - o);
				java.util.Arrays.fill(out, o, o + count, in[i++]);
				o += count;
			}
		}
		return out;
	}

	/**
	 * Undoes a predictor in place on {@code rows} rows of {@code width} samples
	 * of {@code bytes} bytes each, stored in {@code order}.
	 */
	static void unpredict(final int predictor, final byte[] data, final int width, final int rows,
		final int bytes, final ByteOrder order) throws IOException
	{
		if (predictor == 1) return;
		if (predictor == 2) horizontal(data, width, rows, bytes, order);
		else if (predictor == 3) floatingPoint(data, width, rows, bytes, order);
		else throw new IOException("predictor " + predictor);
	}

	private static void horizontal(final byte[] data, final int width, final int rows, final int bytes,
		final ByteOrder order)
	{
		final ByteBuffer b = ByteBuffer.wrap(data).order(order);
		for (int y = 0; y < rows; y++) {
			final int row = y * width * bytes;
			for (int x = 1; x < width; x++) {
				final int at = row + x * bytes;
				switch (bytes) {
					case 1: data[at] += data[at - 1]; break;
					case 2: b.putShort(at, (short) (b.getShort(at) + b.getShort(at - 2))); break;
					case 4: b.putInt(at, b.getInt(at) + b.getInt(at - 4)); break;
					default: b.putLong(at, b.getLong(at) + b.getLong(at - 8));
				}
			}
		}
	}

	/** Adobe's floating-point predictor: per row, bytes regrouped most significant first, then differenced. */
	private static void floatingPoint(final byte[] data, final int width, final int rows, final int bytes,
		final ByteOrder order)
	{
		final int rowBytes = width * bytes;
		final byte[] row = new byte[rowBytes];
		for (int y = 0; y < rows; y++) {
			final int start = y * rowBytes;
			for (int i = 1; i < rowBytes; i++)
				data[start + i] += data[start + i - 1];
			System.arraycopy(data, start, row, 0, rowBytes);
			for (int x = 0; x < width; x++)
				for (int k = 0; k < bytes; k++) {
					final int significance = order == ByteOrder.BIG_ENDIAN ? k : bytes - 1 - k;
					data[start + x * bytes + k] = row[significance * width + x];
				}
		}
	}
}
