package org.xrayseg.core.io;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;

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

	private final TiffFile file;
	private final TiffDirectory tiff;

	/** Reads the slices of {@code file}, which this closes when closed. */
	ContiguousPages(final TiffFile file) {
		this.file = file;
		this.tiff = file.first;
	}

	@Override
	public int pageCount() {
		return file.pageCount;
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
		try {
			final ByteBuffer data = file.bytes(tiff.offsets[0] + page * bytes, (int) bytes);
			if (tiff.fillOrder == 2) TiffCodecs.reverseBits(data.array());
			return RawPixels.image(data, tiff.width, tiff.height, tiff.bitsPerSample, RawPixels.kind(
				tiff.sampleFormat), what);
		}
		catch (final EOFException e) {
			throw Truncated.error(file.file, "slice " + (page + 1) + " ends beyond the end of the file");
		}
		catch (final IOException e) {
			throw new InvalidInputException("Cannot read " + what + ": " + AtomicOutput.reason(e), e);
		}
	}

	@Override
	public void close() {
		file.close();
	}
}
