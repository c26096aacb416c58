package org.xrayseg.core.io;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.xrayseg.core.error.InvalidInputException;

/**
 * What a TIFF or BigTIFF file holds, read from its header and image directories
 * (IFDs) without the pixels: the first page's layout, pixel type, description
 * and resolution, and the number of pages. The chain of directories is walked
 * once, so that a file cut short is reported here rather than read as fewer
 * slices. An ImageJ stack (description "ImageJ=... images=N", uncompressed)
 * is taken as ImageJ takes it: N slices stored one after the other from the
 * first strip, whatever the number of directories (ImageJ's own layout for
 * stacks over 4 GB has one).
 */
final class TiffFile {

	static final int NONE = 1;

	final Path file;
	final boolean bigTiff;
	final ByteOrder order;
	final long fileSize;
	int width;
	int height;
	int bitsPerSample = 1;
	int samplesPerPixel = 1;
	int sampleFormat = 1;
	int compression = NONE;
	long firstStripOffset = -1;
	String description;
	/** 1 / XResolution: the pixel width in the resolution unit, or 0 if not given */
	double pixelWidth;
	/** 1 / YResolution, or 0 */
	double pixelHeight;
	int resolutionUnit = 2;
	/** The number of slices: directories in the chain, or ImageJ's images=N */
	int pageCount;
	/** True where the slices lie one after the other from {@link #firstStripOffset} (ImageJ stacks) */
	boolean contiguous;

	private final FileChannel channel;

	private TiffFile(final Path file, final FileChannel channel, final ByteOrder order, final boolean bigTiff)
		throws IOException
	{
		this.file = file;
		this.channel = channel;
		this.order = order;
		this.bigTiff = bigTiff;
		this.fileSize = channel.size();
	}

	/** @return true if {@code file} starts like a TIFF or BigTIFF file */
	static boolean isTiff(final Path file) {
		try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
			final ByteBuffer b = ByteBuffer.allocate(4);
			if (ch.read(b, 0) < 4) return false;
			final int magic = (b.get(0) == 'I' ? b.order(ByteOrder.LITTLE_ENDIAN) : b.order(ByteOrder.BIG_ENDIAN))
				.getShort(2);
			return (b.get(0) == 'I' && b.get(1) == 'I' || b.get(0) == 'M' && b.get(1) == 'M') && (magic == 42 ||
				magic == 43);
		}
		catch (final IOException e) {
			return false;
		}
	}

	/** Reads the directories of {@code file}; throws a one-line error if it is cut short or not a TIFF. */
	static TiffFile read(final Path file) {
		try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
			final ByteBuffer head = ByteBuffer.allocate(16);
			ch.read(head, 0);
			final ByteOrder order = head.get(0) == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
			final boolean big = head.order(order).getShort(2) == 43;
			final TiffFile tiff = new TiffFile(file, ch, order, big);
			if (tiff.fileSize < (big ? 16 : 8)) throw new EOFException();
			final long first = big ? head.getLong(8) : head.getInt(4) & 0xffffffffL;
			if (first == 0) throw new InvalidInputException(file + " is a TIFF file without any image");
			tiff.readDirectories(first);
			return tiff;
		}
		catch (final EOFException e) {
			throw Truncated.error(file, "its header or first directory is incomplete");
		}
		catch (final IOException e) {
			throw new InvalidInputException("Cannot read " + file + ": " + AtomicOutput.reason(e), e);
		}
	}

	private void readDirectories(final long first) throws IOException {
		readFirstDirectory(first);
		if (ImageJDescription.images(description) > 1 && compression == NONE && bitsPerSample >= 8) {
			pageCount = ImageJDescription.images(description);
			contiguous = true;
			final long end = firstStripOffset + pageCount * bytesPerSlice();
			if (end > fileSize) throw Truncated.error(file, "ImageJ's description says " + pageCount + " slices of " +
				width + "x" + height + " " + bitsPerSample + "-bit, but the file ends within slice " + ((fileSize -
					firstStripOffset) / bytesPerSlice() + 1));
			return;
		}
		long next = first;
		int pages = 0;
		final long mostPages = fileSize / (bigTiff ? 28 : 18) + 1;
		while (next != 0) {
			if (++pages > mostPages) throw new InvalidInputException(file + " is damaged: its directories form a loop");
			try {
				next = nextDirectory(next);
			}
			catch (final EOFException e) {
				throw Truncated.error(file, "it ends at byte " + fileSize + ", before the end of the directory of slice " +
					pages);
			}
		}
		pageCount = pages;
	}

	private long nextDirectory(final long ifd) throws IOException {
		final long entries = bigTiff ? bytes(ifd, 8).getLong() : bytes(ifd, 2).getShort() & 0xffff;
		final long at = ifd + (bigTiff ? 8 + entries * 20 : 2 + entries * 12);
		return bigTiff ? bytes(at, 8).getLong() : bytes(at, 4).getInt() & 0xffffffffL;
	}

	private void readFirstDirectory(final long ifd) throws IOException {
		final int entries = (int) (bigTiff ? bytes(ifd, 8).getLong() : bytes(ifd, 2).getShort() & 0xffff);
		final int size = bigTiff ? 20 : 12;
		final ByteBuffer all = bytes(ifd + (bigTiff ? 8 : 2), entries * size);
		for (int i = 0; i < entries; i++) {
			all.position(i * size);
			final ByteBuffer entry = all.slice().order(order).limit(size);
			readField(entry.getShort() & 0xffff, entry.getShort() & 0xffff, bigTiff ? entry.getLong() : entry
				.getInt() & 0xffffffffL, entry);
		}
	}

	private void readField(final int tag, final int type, final long count, final ByteBuffer entry)
		throws IOException
	{
		switch (tag) {
			case 256: width = (int) first(type, count, entry); break;
			case 257: height = (int) first(type, count, entry); break;
			case 258: bitsPerSample = (int) first(type, count, entry); break;
			case 259: compression = (int) first(type, count, entry); break;
			case 270: description = ascii(type, count, entry); break;
			case 273: case 324: firstStripOffset = first(type, count, entry); break;
			case 277: samplesPerPixel = (int) first(type, count, entry); break;
			case 282: pixelWidth = inverseRational(type, count, entry); break;
			case 283: pixelHeight = inverseRational(type, count, entry); break;
			case 296: resolutionUnit = (int) first(type, count, entry); break;
			case 339: sampleFormat = (int) first(type, count, entry); break;
			default:
		}
	}

	/** @return the bytes of one slice in the contiguous layout */
	long bytesPerSlice() {
		return (long) width * height * samplesPerPixel * (bitsPerSample / 8);
	}

	/** The values of an entry: in the entry itself when they fit, else at the offset it holds. */
	private ByteBuffer values(final int type, final long count, final ByteBuffer entry, final int length)
		throws IOException
	{
		final long total = count * typeSize(type);
		final ByteBuffer rest = entry.slice().order(order);
		if (total <= (bigTiff ? 8 : 4)) return rest;
		final long at = bigTiff ? rest.getLong() : rest.getInt() & 0xffffffffL;
		return bytes(at, (int) Math.min(total, length));
	}

	private long first(final int type, final long count, final ByteBuffer entry) throws IOException {
		final ByteBuffer v = values(type, count, entry, 8);
		switch (type) {
			case 1: case 7: return v.get() & 0xff;
			case 3: return v.getShort() & 0xffff;
			case 16: case 18: return v.getLong();
			default: return v.getInt() & 0xffffffffL;
		}
	}

	/** @return denominator / numerator of a RATIONAL (as a pixel size from a resolution), or 0 */
	private double inverseRational(final int type, final long count, final ByteBuffer entry) throws IOException {
		if (type != 5) return 0;
		final ByteBuffer v = values(type, count, entry, 8);
		final long num = v.getInt() & 0xffffffffL;
		final long den = v.getInt() & 0xffffffffL;
		return num == 0 || den == 0 ? 0 : den / (double) num;
	}

	private String ascii(final int type, final long count, final ByteBuffer entry) throws IOException {
		if (type != 2 || count > 1 << 20) return null;
		final ByteBuffer v = values(type, count, entry, (int) count);
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

	/** @return {@code n} bytes at {@code position}, in the file's byte order; EOF if the file ends before */
	private ByteBuffer bytes(final long position, final int n) throws IOException {
		if (position < 0 || position + n > fileSize) throw new EOFException();
		final ByteBuffer b = ByteBuffer.allocate(n).order(order);
		while (b.hasRemaining())
			if (channel.read(b, position + b.position()) < 0) throw new EOFException();
		return b.flip();
	}

}
