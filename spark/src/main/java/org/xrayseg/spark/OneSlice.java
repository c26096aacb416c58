package org.xrayseg.spark;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

import org.xrayseg.core.io.SliceSource;

/** One slice already read from a volume, as a source of its own that describes it as the volume does. */
final class OneSlice implements SliceSource {

	private final SliceSource volume;
	private final int index;
	private final RandomAccessibleInterval<? extends RealType<?>> pixels;

	OneSlice(final SliceSource volume, final int index, final RandomAccessibleInterval<? extends RealType<?>> pixels) {
		this.volume = volume;
		this.index = index;
		this.pixels = pixels;
	}

	@Override
	public int size() {
		return 1;
	}

	@Override
	public long[] dimensions(final int i) {
		return new long[] { pixels.dimension(0), pixels.dimension(1) };
	}

	@Override
	public RandomAccessibleInterval<? extends RealType<?>> slice(final int i) {
		return pixels;
	}

	@Override
	public String describe(final int i) {
		return volume.describe(index);
	}

	@Override
	public String name() {
		return volume.name();
	}
}
