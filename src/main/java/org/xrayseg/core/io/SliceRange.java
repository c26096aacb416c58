package org.xrayseg.core.io;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

import org.xrayseg.core.error.InvalidInputException;

/** Slices {@code from}..{@code to} (0-based, end exclusive) of another source, as a source of their own. */
public final class SliceRange implements SliceSource {

	private final SliceSource base;
	private final int from;
	private final int to;

	public SliceRange(final SliceSource base, final int from, final int to) {
		if (from < 0 || to > base.size() || from >= to) throw new InvalidInputException("Slices " + (from + 1) + "-" +
			to + " are not within the " + base.size() + " slices of " + base.name());
		this.base = base;
		this.from = from;
		this.to = to;
	}

	@Override
	public int size() {
		return to - from;
	}

	@Override
	public long[] dimensions(final int index) {
		return base.dimensions(from + index);
	}

	@Override
	public RandomAccessibleInterval<? extends RealType<?>> slice(final int index) {
		return base.slice(from + index);
	}

	@Override
	public String describe(final int index) {
		return base.describe(from + index);
	}

	@Override
	public String name() {
		return base.name() + ", slices " + (from + 1) + "-" + to;
	}
}
