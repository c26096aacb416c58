package org.xrayseg.core.io;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

/**
 * Receives 2D slices in order and writes them atomically: nothing is visible at
 * the destination until {@link #commit()}; {@link #close()} without a commit
 * removes what was written.
 */
public interface SliceSink extends AutoCloseable {

	/**
	 * Appends one 2D slice (x = width, y = height) whose values fit the sink's
	 * pixel type.
	 *
	 * @param name a file name for this slice where the sink writes one file per
	 *          slice (ignored by stack sinks); null for a generated name
	 */
	void write(RandomAccessibleInterval<? extends RealType<?>> slice, String name);

	/** Makes everything written so far appear at the destination. */
	void commit();

	@Override
	void close();
}
