package org.xrayseg.core.io;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

/** The pages (slices) of one image file, read one at a time. */
interface PageReader extends AutoCloseable {

	/** @return the number of pages */
	int pageCount();

	/** @return {width, height} of page {@code page}, from the header only */
	long[] dimensions(int page);

	/** Reads page {@code page} (0-based) as a 2D image; {@code what} names it in errors. */
	RandomAccessibleInterval<? extends RealType<?>> read(int page, String what);

	@Override
	void close();
}
