package org.xrayseg.core.io;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

import org.xrayseg.core.error.InvalidInputException;

/**
 * The slices of an ImageJ stack, stored uncompressed one after the other from
 * the first strip of the first page (ImageJ's layout, also past 4 GB where the
 * TIFF has a single directory). One slice is read per call, straight from
 * the file at its offset.
 */
final class ContiguousPages implements PageReader {

	private final TiffFile tiff;
	private final FileChannel channel;

	ContiguousPages(final TiffFile tiff) {
		this.tiff = tiff;
		try {
			this.channel = FileChannel.open(tiff.file, StandardOpenOption.READ);
		}
		catch (final IOException e) {
			throw new InvalidInputException("Cannot read " + tiff.file + ": " + AtomicOutput.reason(e), e);
		}
	}

	@Override
	public int pageCount() {
		return tiff.pageCount;
	}

	@Override
	public long[] dimensions(final int page) {
		return new long[] { tiff.width, tiff.height };
	}

	@Override
	public RandomAccessibleInterval<? extends RealType<?>> read(final int page, final String what) {
		final long bytes = tiff.bytesPerSlice();
		if (bytes > Integer.MAX_VALUE) throw new InvalidInputException(what + " is " + tiff.width + "x" +
			tiff.height + ": a slice over 2 GB cannot be read");
		final ByteBuffer buffer = ByteBuffer.allocate((int) bytes).order(tiff.order);
		final long at = tiff.firstStripOffset + page * bytes;
		try {
			while (buffer.hasRemaining())
				if (channel.read(buffer, at + buffer.position()) < 0) throw new EOFException();
		}
		catch (final EOFException e) {
			throw Truncated.error(tiff.file, "slice " + (page + 1) + " ends beyond the end of the file");
		}
		catch (final IOException e) {
			throw new InvalidInputException("Cannot read " + what + ": " + AtomicOutput.reason(e), e);
		}
		return RawPixels.image(buffer.flip(), tiff.width, tiff.height, tiff.bitsPerSample, RawPixels.kind(
			tiff.sampleFormat), what);
	}

	@Override
	public void close() {
		try {
			channel.close();
		}
		catch (final IOException e) {
			// a read-only file: nothing is lost
		}
	}
}
