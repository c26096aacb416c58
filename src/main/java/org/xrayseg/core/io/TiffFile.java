package org.xrayseg.core.io;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

import org.xrayseg.core.error.InvalidInputException;

/**
 * A TIFF or BigTIFF file, read from its header and image directories (IFDs)
 * without the pixels: the first page's directory and the number of pages. The
 * chain of directories is walked once on opening, so that a file cut short is
 * reported then rather than read as fewer slices (as ImageIO's TIFF readers
 * do); the position of every directory is kept (8 bytes a page). An ImageJ
 * stack (description "ImageJ=... images=N", uncompressed) is taken as ImageJ
 * takes it: N slices stored one after the other from the first strip, whatever
 * the number of directories (ImageJ's layout for stacks over 4 GB has one).
 * The file stays open until {@link #close()}.
 */
final class TiffFile implements AutoCloseable {

	static final int NONE = 1;

	final Path file;
	final boolean bigTiff;
	final ByteOrder order;
	final long fileSize;
	/** The first page's directory: pixel type, description, resolution */
	TiffDirectory first;
	/** The number of slices: directories in the chain, or ImageJ's images=N */
	int pageCount;
	/** True where the slices lie one after the other from the first strip (ImageJ stacks) */
	boolean contiguous;

	private final FileChannel channel;
	private long[] directories = new long[16];

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
			final boolean intel = b.get(0) == 'I' && b.get(1) == 'I';
			final int magic = b.order(intel ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN).getShort(2);
			return (intel || b.get(0) == 'M' && b.get(1) == 'M') && (magic == 42 || magic == 43);
		}
		catch (final IOException e) {
			return false;
		}
	}

	/** Opens {@code file} and reads its directories; throws a one-line error if it is cut short. */
	static TiffFile open(final Path file) {
		FileChannel ch = null;
		try {
			ch = FileChannel.open(file, StandardOpenOption.READ);
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
			close(ch);
			throw Truncated.error(file, "its header or first directory is incomplete");
		}
		catch (final IOException e) {
			close(ch);
			throw new InvalidInputException("Cannot read " + file + ": " + AtomicOutput.reason(e), e);
		}
		catch (final RuntimeException e) {
			close(ch);
			throw e;
		}
	}

	private void readDirectories(final long firstOffset) throws IOException {
		first = TiffDirectory.read(this, firstOffset);
		final int images = ImageJDescription.images(first.description);
		if (images > 1 && first.compression == NONE && first.bitsPerSample >= 8 && first.offsets.length > 0) {
			pageCount = images;
			contiguous = true;
			final long start = first.offsets[0];
			if (start + images * first.bytesPerSlice() > fileSize) throw Truncated.error(file,
				"ImageJ's description says " + images + " slices of " + first.width + "x" + first.height + " " +
					first.bitsPerSample + "-bit, but the file ends within slice " + ((fileSize - start) / first
						.bytesPerSlice() + 1));
			return;
		}
		long next = firstOffset;
		int pages = 0;
		final long mostPages = fileSize / (bigTiff ? 28 : 18) + 1;
		while (next != 0) {
			if (pages + 1 > mostPages) throw new InvalidInputException(file + " is damaged: its directories form a loop");
			if (pages == directories.length) directories = Arrays.copyOf(directories, pages * 2);
			directories[pages++] = next;
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

	/** @return the directory of page {@code page} (0-based) of a file that is not {@link #contiguous} */
	TiffDirectory directory(final int page) throws IOException {
		return page == 0 ? first : TiffDirectory.read(this, directories[page]);
	}

	/** @return {@code n} bytes at {@code position}, in the file's byte order; EOF if the file ends before */
	ByteBuffer bytes(final long position, final int n) throws IOException {
		if (position < 0 || n < 0 || position + n > fileSize) throw new EOFException();
		final ByteBuffer b = ByteBuffer.allocate(n).order(order);
		while (b.hasRemaining())
			if (channel.read(b, position + b.position()) < 0) throw new EOFException();
		return b.flip();
	}

	@Override
	public void close() {
		close(channel);
	}

	private static void close(final FileChannel channel) {
		try {
			if (channel != null) channel.close();
		}
		catch (final IOException e) {
			// a read-only file: nothing is lost
		}
	}
}
