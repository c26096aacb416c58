package org.xrayseg.core.io;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

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

	/** @return slice {@code index} (0-based) as a 2D image with dimensions (x = width, y = height) */
	RandomAccessibleInterval<? extends RealType<?>> slice(int index);

	/** @return what a user calls slice {@code index}, e.g. "labels/slice_007.tif" or "stack.tif, slice 7" */
	String describe(int index);

	/** @return what a user calls the whole source, e.g. "folder images/" */
	String name();

	@Override
	default void close() {}
}
