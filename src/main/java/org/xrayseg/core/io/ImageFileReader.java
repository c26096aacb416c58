package org.xrayseg.core.io;

import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferDouble;
import java.awt.image.DataBufferFloat;
import java.awt.image.DataBufferInt;
import java.awt.image.DataBufferShort;
import java.awt.image.DataBufferUShort;
import java.awt.image.Raster;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.RealType;

import org.xrayseg.core.error.InvalidInputException;

/**
 * Reads the pages of one image file as grey ImgLib2 images, one page at a
 * time, with the JDK's image readers: PNG, and the TIFFs that {@link TiffPages}
 * leaves to them (JPEG- and fax-coded, see {@link PageReaders}). 8-bit (also
 * palette), 16-bit (unsigned or signed), 32-bit integer and float pixels are
 * kept as they are; colour images are refused.
 */
public final class ImageFileReader implements PageReader {

	private final Path file;
	private final ImageInputStream input;
	private final ImageReader reader;
	/** What the file is and what to do where the reader fails; or null */
	private final Known known;

	/**
	 * What a file handed to this reader is known to be, for the error where the
	 * JDK's reader fails on it.
	 *
	 * @param kind e.g. "a 1-bit CCITT Group 3 fax image"
	 * @param advice e.g. ": save it as 8-bit uncompressed TIFF"
	 */
	record Known(String kind, String advice) {}

	private ImageFileReader(final Path file, final ImageInputStream input, final ImageReader reader,
		final Known known)
	{
		this.file = file;
		this.input = input;
		this.reader = reader;
		this.known = known;
	}

	/** Opens {@code file}; throws {@link InvalidInputException} if it is missing or not an image. */
	public static ImageFileReader open(final Path file) {
		return open(file, null);
	}

	/**
	 * Opens {@code file}, {@code known} to be of a kind: where the JDK's reader
	 * fails on it, the error says what the file is and what to do.
	 */
	static ImageFileReader open(final Path file, final Known known) {
		if (!Files.exists(file)) throw new InvalidInputException("File not found: " + file);
		if (!Files.isReadable(file)) throw new InvalidInputException("Cannot read " + file + ": permission denied");
		ImageInputStream in = null;
		try {
			in = ImageIO.createImageInputStream(file.toFile());
			final Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
			if (readers == null || !readers.hasNext()) throw new InvalidInputException(file +
				" is not an image file that can be read (use TIFF or PNG)");
			final ImageReader reader = readers.next();
			reader.setInput(in, false, true);
			return new ImageFileReader(file, in, reader, known);
		}
		catch (final IOException e) {
			closeQuietly(in);
			throw new InvalidInputException("Cannot read " + file + ": " + e.getMessage(), e);
		}
		catch (final RuntimeException e) {
			closeQuietly(in);
			throw e;
		}
	}

	/** @return the number of pages (slices) in the file */
	@Override
	public int pageCount() {
		try {
			return reader.getNumImages(true);
		}
		catch (final IOException | RuntimeException e) {
			throw damaged(e);
		}
	}

	/** @return {width, height} of page {@code page}, read from the header only */
	@Override
	public long[] dimensions(final int page) {
		try {
			return new long[] { reader.getWidth(page), reader.getHeight(page) };
		}
		catch (final IOException | RuntimeException e) {
			throw damaged(e);
		}
	}

	/** Reads page {@code page} (0-based) as a 2D image; {@code what} names it in errors. */
	@Override
	public RandomAccessibleInterval<? extends RealType<?>> read(final int page, final String what) {
		final Raster raster;
		try {
			raster = reader.canReadRaster() ? reader.readRaster(page, null) : reader.read(page).getRaster();
		}
		catch (final EOFException e) {
			throw Truncated.error(file, what + " ends beyond the end of the file");
		}
		catch (final IOException | RuntimeException e) {
			throw damaged(e);
		}
		if (raster.getNumBands() != 1) throw new InvalidInputException(what + " is a colour (RGB) image: " +
			"convert it to 8-, 16- or 32-bit grey first (Image > Type in Fiji)");
		return toImg(raster, what);
	}

	private static RandomAccessibleInterval<? extends RealType<?>> toImg(final Raster raster, final String what) {
		final int w = raster.getWidth();
		final int h = raster.getHeight();
		final Object data = pixelArray(raster);
		switch (raster.getTransferType()) {
			case DataBuffer.TYPE_BYTE:
				return ArrayImgs.unsignedBytes((byte[]) data, w, h);
			case DataBuffer.TYPE_USHORT:
				return ArrayImgs.unsignedShorts((short[]) data, w, h);
			case DataBuffer.TYPE_SHORT:
				return ArrayImgs.shorts((short[]) data, w, h);
			case DataBuffer.TYPE_INT:
				return ArrayImgs.ints((int[]) data, w, h);
			case DataBuffer.TYPE_FLOAT:
				return ArrayImgs.floats((float[]) data, w, h);
			case DataBuffer.TYPE_DOUBLE:
				return ArrayImgs.doubles((double[]) data, w, h);
			default:
				throw new InvalidInputException(what + " has a pixel type that is not supported: use 8-, 16- or 32-bit grey");
		}
	}

	/** The raster's pixels as one row-major array: its own bank when laid out so, else a bulk copy. */
	private static Object pixelArray(final Raster raster) {
		final int w = raster.getWidth();
		final int h = raster.getHeight();
		final DataBuffer buffer = raster.getDataBuffer();
		if (raster.getSampleModel() instanceof ComponentSampleModel && buffer.getNumBanks() == 1 && buffer
			.getOffset() == 0 && raster.getSampleModelTranslateX() == 0 && raster.getSampleModelTranslateY() == 0)
		{
			final ComponentSampleModel model = (ComponentSampleModel) raster.getSampleModel();
			if (model.getPixelStride() == 1 && model.getScanlineStride() == w && model.getBandOffsets()[0] == 0 &&
				buffer.getSize() == w * h)
			{
				final Object bank = bank(buffer);
				if (bank != null) return bank;
			}
		}
		return raster.getDataElements(raster.getMinX(), raster.getMinY(), w, h, null);
	}

	private static Object bank(final DataBuffer buffer) {
		if (buffer instanceof DataBufferByte) return ((DataBufferByte) buffer).getData();
		if (buffer instanceof DataBufferUShort) return ((DataBufferUShort) buffer).getData();
		if (buffer instanceof DataBufferShort) return ((DataBufferShort) buffer).getData();
		if (buffer instanceof DataBufferInt) return ((DataBufferInt) buffer).getData();
		if (buffer instanceof DataBufferFloat) return ((DataBufferFloat) buffer).getData();
		if (buffer instanceof DataBufferDouble) return ((DataBufferDouble) buffer).getData();
		return null;
	}

	private InvalidInputException damaged(final Exception e) {
		if (known != null) return new InvalidInputException(file.getFileName() + " is " + known.kind() +
			", which cannot be read (" + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName()) +
			")" + known.advice(), e);
		return new InvalidInputException(file + " could not be read (damaged or unsupported image): " + e
			.getMessage(), e);
	}

	@Override
	public void close() {
		reader.dispose();
		closeQuietly(input);
	}

	private static void closeQuietly(final ImageInputStream in) {
		if (in == null) return;
		try {
			in.close();
		}
		catch (final IOException e) {
			// closing a read-only stream: nothing was written, nothing is lost
		}
	}
}
