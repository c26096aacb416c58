package org.xrayseg.core.io;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

import org.xrayseg.core.error.InvalidInputException;

/**
 * The pages of a TIFF or BigTIFF file, decoded here one page at a time: strips
 * or tiles, uncompressed or LZW, Deflate or PackBits, with or without a
 * predictor, bits in either fill order; grey samples of 1 bit (read as 0 and
 * 1) or 8 to 64 bits. Memory holds one page and one strip or tile. (The JDK's
 * TIFF reader, left the compressions not decoded here, cannot read BigTIFF,
 * nor 16-bit or floating-point predictors.)
 */
final class TiffPages implements PageReader {

	private final TiffFile file;
	private TiffDirectory cached;
	private int cachedPage = -1;

	/** Reads the pages of {@code file}, which this closes when closed. */
	TiffPages(final TiffFile file) {
		this.file = file;
	}

	@Override
	public int pageCount() {
		return file.pageCount;
	}

	@Override
	public long[] dimensions(final int page) {
		final TiffDirectory d = directory(page, file.file.getFileName() + ", slice " + (page + 1));
		return new long[] { d.width, d.height };
	}

	private TiffDirectory directory(final int page, final String what) {
		if (page != cachedPage) {
			try {
				cached = file.directory(page);
				cachedPage = page;
			}
			catch (final EOFException e) {
				throw Truncated.error(file.file, "the directory of " + what + " ends beyond the end of the file");
			}
			catch (final IOException e) {
				throw new InvalidInputException(what + " could not be read (damaged TIFF): " + e.getMessage(), e);
			}
		}
		return cached;
	}

	@Override
	public RandomAccessibleInterval<? extends RealType<?>> read(final int page, final String what) {
		final TiffDirectory d = directory(page, what);
		if (page > 0) TiffSupport.require(what, d, file.bigTiff, true); // the first page was checked on opening
		if (d.bytesPerSlice() > Integer.MAX_VALUE - 8) throw new InvalidInputException(what + " is " + d.width +
			"x" + d.height + ": a slice over 2 GB cannot be read");
		final byte[] plane = new byte[(int) d.bytesPerSlice()];
		try {
			if (d.tiled()) readTiles(d, plane);
			else readStrips(d, plane);
		}
		catch (final EOFException e) {
			throw Truncated.error(file.file, what + " ends beyond the end of the file");
		}
		catch (final IOException e) {
			throw new InvalidInputException(what + " could not be read (damaged TIFF): " + e.getMessage(), e);
		}
		return RawPixels.image(ByteBuffer.wrap(plane).order(file.order), d.width, d.height, Math.max(8,
			d.bitsPerSample), RawPixels.kind(d.sampleFormat), what);
	}

	/** @return the bytes of one sample once decoded: 1-bit samples get a byte each */
	private static int sampleBytes(final TiffDirectory d) {
		return Math.max(1, d.bitsPerSample / 8);
	}

	private void readStrips(final TiffDirectory d, final byte[] plane) throws IOException {
		final int rowsPerStrip = Math.max(1, Math.min(d.rowsPerStrip, d.height));
		final int strips = (d.height + rowsPerStrip - 1) / rowsPerStrip;
		final int rowBytes = d.width * sampleBytes(d);
		for (int s = 0; s < strips; s++) {
			final int rows = Math.min(rowsPerStrip, d.height - s * rowsPerStrip);
			final byte[] data = piece(d, s, d.width, rows, strips);
			System.arraycopy(data, 0, plane, s * rowsPerStrip * rowBytes, rows * rowBytes);
		}
	}

	private void readTiles(final TiffDirectory d, final byte[] plane) throws IOException {
		final int across = (d.width + d.tileWidth - 1) / d.tileWidth;
		final int down = (d.height + d.tileLength - 1) / d.tileLength;
		final int bytes = sampleBytes(d);
		final int tileRow = d.tileWidth * bytes;
		for (int ty = 0; ty < down; ty++)
			for (int tx = 0; tx < across; tx++) {
				final byte[] data = piece(d, ty * across + tx, d.tileWidth, d.tileLength, across * down);
				final int x0 = tx * d.tileWidth;
				final int run = Math.min(d.tileWidth, d.width - x0) * bytes;
				for (int r = 0; r < d.tileLength && ty * d.tileLength + r < d.height; r++)
					System.arraycopy(data, r * tileRow, plane, ((ty * d.tileLength + r) * d.width + x0) * bytes, run);
			}
	}

	/**
	 * Strip or tile {@code index} of {@code width} x {@code rows} samples: bits
	 * put back in order (FillOrder 2, for every compression as libtiff does),
	 * decoded, the predictor undone, 1-bit samples unpacked to a byte each.
	 */
	private byte[] piece(final TiffDirectory d, final int index, final int width, final int rows,
		final int pieces) throws IOException
	{
		if (d.offsets.length < pieces) throw new IOException(pieces + " strips or tiles expected, " +
			d.offsets.length + " found");
		final boolean bilevel = d.bitsPerSample == 1;
		final int length = rows * (bilevel ? (width + 7) / 8 : width * sampleBytes(d));
		final long count = d.byteCounts.length > index ? d.byteCounts[index] : length;
		if (count > Integer.MAX_VALUE - 8) throw new IOException("a strip of " + count + " bytes");
		final byte[] raw = new byte[(int) count];
		file.bytes(d.offsets[index], raw.length).get(raw);
		if (d.fillOrder == 2) TiffCodecs.reverseBits(raw);
		final byte[] data = TiffCodecs.decode(d.compression, raw, length);
		if (bilevel) return TiffCodecs.unpackBits(data, width, rows);
		if (TiffCodecs.predicts(d.compression)) TiffCodecs.unpredict(d.predictor, data, width, rows, sampleBytes(d),
			file.order);
		return data;
	}

	@Override
	public void close() {
		file.close();
	}
}
