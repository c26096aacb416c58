package org.xrayseg.core.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;
import net.imglib2.view.Views;

import org.xrayseg.core.convert.Pixels;
import org.xrayseg.core.error.InvalidInputException;

/**
 * Writes 8- or 16-bit grey or 32-bit float slices as uncompressed TIFF: into one
 * multi-page file when the output path ends in .tif or .tiff, otherwise into a
 * folder with one file per slice. Slices stream to disk as they come (memory
 * holds one slice); the result appears atomically on {@link #commit()}. A stack
 * file is classic TIFF up to 4 GB and BigTIFF past it, decided on commit from
 * the final size (see {@link TiffStackWriter}). Given a voxel size, every file
 * records it as ImageJ does (description and resolution tags).
 */
public final class TiffSliceSink implements SliceSink {

	private final AtomicOutput output;
	private final boolean stack;
	private final int bitDepth;
	private final VoxelSize voxelSize;
	private final String phases;
	/** Largest stack written as classic TIFF; tests lower it to get BigTIFF from a few bytes. */
	long classicLimit = TiffStackWriter.CLASSIC_LIMIT;
	private int channels = 1;
	private TiffStackWriter writer;
	private int count;

	/**
	 * @param path a .tif/.tiff file (stack) or a folder
	 * @param bitDepth 8 or 16 (unsigned integers), or 32 (float)
	 * @param overwrite replace an existing output
	 */
	public TiffSliceSink(final Path path, final int bitDepth, final boolean overwrite) {
		this(path, bitDepth, overwrite, VoxelSize.UNKNOWN);
	}

	/**
	 * @param path a .tif/.tiff file (stack) or a folder
	 * @param bitDepth 8 or 16 (unsigned integers), or 32 (float)
	 * @param overwrite replace an existing output
	 * @param voxelSize written into every output file unless {@link VoxelSize#UNKNOWN}
	 */
	public TiffSliceSink(final Path path, final int bitDepth, final boolean overwrite, final VoxelSize voxelSize) {
		this(path, bitDepth, overwrite, voxelSize, null);
	}

	/**
	 * @param phases the codes and names of the phases of a label image ("0 pore,
	 *          128 nickel"), kept in every output file's description for the
	 *          commands that read the labels later (Analyze Microstructure), or null
	 */
	public TiffSliceSink(final Path path, final int bitDepth, final boolean overwrite, final VoxelSize voxelSize,
		final String phases)
	{
		this.phases = phases;
		if (bitDepth != 8 && bitDepth != 16 && bitDepth != 32) throw new IllegalArgumentException("bit depth " +
			bitDepth);
		this.bitDepth = bitDepth;
		this.voxelSize = voxelSize == null ? VoxelSize.UNKNOWN : voxelSize;
		this.stack = isStackPath(path);
		this.output = stack ? AtomicOutput.file(path, overwrite) : AtomicOutput.folder(path, overwrite);
	}

	/**
	 * Makes every slice {@code k} channels: {@link #write} then takes images of
	 * (x, y, channel), and the files open in ImageJ as hyperstacks with a
	 * channel slider.
	 */
	public TiffSliceSink withChannels(final int k) {
		if (count > 0) throw new IllegalStateException("set the channels before the first slice");
		channels = Math.max(1, k);
		return this;
	}

	/** @return true if {@code path} names a single (multi-page) TIFF file rather than a folder */
	public static boolean isStackPath(final Path path) {
		final String n = path.getFileName().toString().toLowerCase(Locale.ROOT);
		return n.endsWith(".tif") || n.endsWith(".tiff");
	}

	@Override
	public void write(final RandomAccessibleInterval<? extends RealType<?>> slice, final String name) {
		final int w = (int) slice.dimension(0);
		final int h = (int) slice.dimension(1);
		final List<ByteBuffer> pages = new ArrayList<>();
		if (channels == 1) pages.add(toBytes(slice));
		else for (int c = 0; c < channels; c++)
			pages.add(toBytes(Views.hyperSlice(slice, 2, c)));
		try {
			if (stack) {
				if (writer == null) writer = new TiffStackWriter(output.temporary(), bitDepth, voxelSize, phases,
					classicLimit).channels(channels);
				final int[] size = writer.size();
				if (size != null && (size[0] != w || size[1] != h)) throw new InvalidInputException("Slice " +
					(count + 1) + " is " + w + "x" + h + " but the slices before it in " + output.target()
						.getFileName() + " are " + size[0] + "x" + size[1] + ": a stack holds slices of one size");
				for (final ByteBuffer page : pages)
					writer.append(page, w, h);
			}
			else {
				final String file = name != null ? tiffName(name) : String.format("slice_%04d.tif", count + 1);
				try (TiffStackWriter single = new TiffStackWriter(output.temporary().resolve(file), bitDepth,
					voxelSize, phases, classicLimit).channels(channels))
				{
					for (final ByteBuffer page : pages)
						single.append(page, w, h);
					single.finish();
				}
			}
			count++;
		}
		catch (final IOException e) {
			throw new UncheckedIOException("Could not write " + output.target() + ": " + AtomicOutput.reason(e), e);
		}
	}

	/** The slice's pixels, little-endian, as the output's pixel type. */
	private ByteBuffer toBytes(final RandomAccessibleInterval<? extends RealType<?>> slice) {
		final int n = Pixels.pixelCount(slice);
		final ByteBuffer b = ByteBuffer.allocate(n * (bitDepth / 8)).order(ByteOrder.LITTLE_ENDIAN);
		if (bitDepth == 8) Pixels.copyToBytes(slice, b.array());
		else if (bitDepth == 16) {
			final short[] s = new short[n];
			Pixels.copyToShorts(slice, s);
			b.asShortBuffer().put(s);
		}
		else b.asFloatBuffer().put(Pixels.toFloats(slice));
		return b;
	}

	private static String tiffName(final String name) {
		final int dot = name.lastIndexOf('.');
		return (dot > 0 ? name.substring(0, dot) : name) + ".tif";
	}

	@Override
	public void commit() {
		if (count == 0) throw new InvalidInputException("Nothing to write to " + output.target());
		if (writer != null) {
			try (TiffStackWriter w = writer) {
				writer = null;
				w.finish();
			}
			catch (final IOException e) {
				throw new UncheckedIOException("Could not write " + output.target() + ": " + AtomicOutput.reason(e), e);
			}
		}
		output.commit();
	}

	@Override
	public void close() {
		try {
			if (writer != null) writer.close();
		}
		catch (final IOException e) {
			// the partial output is deleted below; nothing of the user's is lost
		}
		output.close();
	}
}
