package org.xrayseg.core.io;

import java.nio.file.Path;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

import org.xrayseg.core.error.InvalidInputException;

/**
 * Some slices of another source, as a source of their own: a range
 * ({@code from}..{@code to}) or what a user chose with {@code slices=} (see
 * {@link SliceSpec}). Slices keep what a user calls them in the whole volume:
 * {@link #describe} of the first slice of {@code slices=101-200} says "slice 101".
 * A range made with the constructor is a view: closing it leaves the base
 * open. A selection made by {@link #select} owns its base and closes it.
 */
public final class SliceRange implements SliceSource {

	private final SliceSource base;
	private final int[] indices;
	private final String label;
	private final boolean ownsBase;

	/** Slices {@code from}..{@code to} (0-based, end exclusive) of {@code base}. */
	public SliceRange(final SliceSource base, final int from, final int to) {
		if (from < 0 || to > base.size() || from >= to) throw new InvalidInputException("Slices " + (from + 1) + "-" +
			to + " are not within the " + base.size() + " slices of " + base.name());
		this.base = base;
		this.indices = new int[to - from];
		for (int i = from; i < to; i++)
			indices[i - from] = i;
		this.label = (from + 1) + "-" + to;
		this.ownsBase = false;
	}

	private SliceRange(final SliceSource base, final SliceSpec spec) {
		this.base = base;
		this.indices = spec.indices(base.size(), base.name());
		this.label = spec.text();
		this.ownsBase = true;
	}

	/**
	 * @param spec what the user wrote after {@code slices=}, e.g. "101-200" or
	 *          "1-50,201-"; null or blank for all slices
	 * @return the chosen slices of {@code base}, or {@code base} itself for all;
	 *         closing the result closes {@code base}
	 */
	public static SliceSource select(final SliceSource base, final String spec) {
		return spec == null || spec.isBlank() ? base : new SliceRange(base, SliceSpec.parse(spec));
	}

	@Override
	public SliceSource whole() {
		return base.whole();
	}

	@Override
	public int indexInWhole(final int index) {
		return base.indexInWhole(indices[index]);
	}

	@Override
	public int size() {
		return indices.length;
	}

	@Override
	public long[] dimensions(final int index) {
		return base.dimensions(indices[index]);
	}

	@Override
	public RandomAccessibleInterval<? extends RealType<?>> slice(final int index) {
		return base.slice(indices[index]);
	}

	@Override
	public String describe(final int index) {
		return base.describe(indices[index]);
	}

	@Override
	public String fileName(final int index) {
		return base.fileName(indices[index]);
	}

	@Override
	public String name() {
		return base.name() + ", slices " + label;
	}

	@Override
	public VoxelSize voxelSize() {
		return base.voxelSize();
	}

	@Override
	public String phaseLegend() {
		return base.phaseLegend();
	}

	@Override
	public Path path() {
		return base.path();
	}

	@Override
	public void close() {
		if (ownsBase) base.close();
	}
}
