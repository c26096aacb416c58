package org.xrayseg.core.io;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferUShort;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

import org.xrayseg.core.convert.Pixels;
import org.xrayseg.core.error.InvalidInputException;

/**
 * Writes 8- or 16-bit grey slices as TIFF: into one multi-page file when the
 * output path ends in .tif or .tiff, otherwise into a folder with one file per
 * slice. Slices stream to disk as they come; the result appears atomically on
 * {@link #commit()}.
 */
public final class TiffSliceSink implements SliceSink {

	private final AtomicOutput output;
	private final boolean stack;
	private final int bitDepth;
	private ImageWriter writer;
	private ImageOutputStream stream;
	private int count;

	/**
	 * @param path a .tif/.tiff file (stack) or a folder
	 * @param bitDepth 8 or 16
	 * @param overwrite replace an existing output
	 */
	public TiffSliceSink(final Path path, final int bitDepth, final boolean overwrite) {
		if (bitDepth != 8 && bitDepth != 16) throw new IllegalArgumentException("bit depth " + bitDepth);
		this.bitDepth = bitDepth;
		this.stack = isStackPath(path);
		this.output = stack ? AtomicOutput.file(path, overwrite) : AtomicOutput.folder(path, overwrite);
	}

	/** @return true if {@code path} names a single (multi-page) TIFF file rather than a folder */
	public static boolean isStackPath(final Path path) {
		final String n = path.getFileName().toString().toLowerCase(Locale.ROOT);
		return n.endsWith(".tif") || n.endsWith(".tiff");
	}

	@Override
	public void write(final RandomAccessibleInterval<? extends RealType<?>> slice, final String name) {
		final BufferedImage image = toBufferedImage(slice);
		try {
			if (stack) {
				if (writer == null) {
					writer = tiffWriter();
					stream = ImageIO.createImageOutputStream(output.temporary().toFile());
					writer.setOutput(stream);
					writer.prepareWriteSequence(null);
				}
				writer.writeToSequence(new IIOImage(image, null, null), null);
			}
			else {
				final String file = name != null ? tiffName(name) : String.format("slice_%04d.tif", count + 1);
				final ImageWriter single = tiffWriter();
				try (ImageOutputStream out = ImageIO.createImageOutputStream(output.temporary().resolve(file)
					.toFile()))
				{
					single.setOutput(out);
					single.write(image);
				}
				finally {
					single.dispose();
				}
			}
			count++;
		}
		catch (final IOException e) {
			throw new UncheckedIOException("Could not write " + output.target() + ": " + e.getMessage(), e);
		}
	}

	private BufferedImage toBufferedImage(final RandomAccessibleInterval<? extends RealType<?>> slice) {
		final int w = (int) slice.dimension(0);
		final int h = (int) slice.dimension(1);
		if (bitDepth == 8) {
			final BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
			Pixels.copyToBytes(slice, ((DataBufferByte) image.getRaster().getDataBuffer()).getData());
			return image;
		}
		final BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_USHORT_GRAY);
		Pixels.copyToShorts(slice, ((DataBufferUShort) image.getRaster().getDataBuffer()).getData());
		return image;
	}

	private static String tiffName(final String name) {
		final int dot = name.lastIndexOf('.');
		return (dot > 0 ? name.substring(0, dot) : name) + ".tif";
	}

	private static ImageWriter tiffWriter() {
		return ImageIO.getImageWritersByFormatName("tiff").next();
	}

	@Override
	public void commit() {
		if (count == 0) throw new InvalidInputException("Nothing to write to " + output.target());
		finishStack();
		output.commit();
	}

	private void finishStack() {
		if (writer == null) return;
		try {
			writer.endWriteSequence();
			stream.close();
		}
		catch (final IOException e) {
			throw new UncheckedIOException("Could not write " + output.target() + ": " + e.getMessage(), e);
		}
		finally {
			writer.dispose();
			writer = null;
		}
	}

	@Override
	public void close() {
		try {
			if (writer != null) {
				writer.dispose();
				stream.close();
			}
		}
		catch (final IOException e) {
			// the partial output is deleted below; nothing of the user's is lost
		}
		output.close();
	}
}
