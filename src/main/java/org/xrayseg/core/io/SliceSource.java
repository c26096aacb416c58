package org.xrayseg.core.io;

import java.nio.file.Path;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

import org.xrayseg.core.error.InvalidInputException;

/**
 * An ordered sequence of 2D grey slices, read one at a time so that memory
 * grows with one slice, not with the volume. Implementations wrap a folder of
 * files, a multi-page TIFF or an image in memory.
 */
public interface SliceSource extends AutoCloseable {

	/** @return the number of slices */
	int size();

	/** @return {width, height} of slice {@code index}, without reading its pixels if possible */
	long[] dimensions(int index);

	/**
	 * @return the pixels of all slices, in millions, from their dimensions; a slice whose size cannot be read
	 *         counts nothing (its error comes when it is read)
	 */
	default double megapixels() {
		double pixels = 0;
		for (int i = 0; i < size(); i++) {
			try {
				final long[] d = dimensions(i);
				pixels += (double) d[0] * d[1];
			}
			catch (final InvalidInputException e) {
				// counted as nothing: see above
			}
		}
		return pixels / 1e6;
	}

	/** @return slice {@code index} (0-based) as a 2D image with dimensions (x = width, y = height) */
	RandomAccessibleInterval<? extends RealType<?>> slice(int index);

	/** @return what a user calls slice {@code index}, e.g. "labels/slice_007.tif" or "stack.tif, slice 7" */
	String describe(int index);

	/** @return what a user calls the whole source, e.g. "folder images/" */
	String name();

	/**
	 * @return the voxel size stored with the slices, or {@link VoxelSize#UNKNOWN}
	 *         (sources that know none need not override this)
	 */
	default VoxelSize voxelSize() {
		return VoxelSize.UNKNOWN;
	}

	/**
	 * @return the label codes and phase names stored with label slices that
	 *         Segment wrote ("0 pore, 128 nickel, 255 YSZ"), or null
	 */
	default String phaseLegend() {
		return null;
	}

	/**
	 * @return the file name of slice {@code index} where each slice is a file of
	 *         a folder (outputs are named after it), else null
	 */
	default String fileName(final int index) {
		return null;
	}

	/** @return the file or folder these slices are read from, or null for an image in memory */
	default Path path() {
		return null;
	}

	/**
	 * @return the volume these slices were chosen from (a {@link SliceRange}'s
	 *         base), or this source itself where it is a whole: what a network
	 *         that sees neighbouring slices reads them from, and what a volume's
	 *         normalisation is fitted on, so that a part segments as the whole does
	 */
	default SliceSource whole() {
		return this;
	}

	/** @return the 0-based index in {@link #whole()} of slice {@code index} of this source */
	default int indexInWhole(final int index) {
		return index;
	}

	@Override
	default void close() {}
}
