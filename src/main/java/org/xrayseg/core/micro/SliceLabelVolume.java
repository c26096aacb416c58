package org.xrayseg.core.micro;

import org.xrayseg.core.convert.Pixels;
import org.xrayseg.core.error.InvalidInputException;
import org.xrayseg.core.io.SliceSource;
import org.xrayseg.core.micro.volume.LabelVolume;

/**
 * The region of a label stack on disk or in memory as a {@link LabelVolume}:
 * reads one slice at a time, checks that it holds whole numbers and that all
 * slices have one size.
 */
public final class SliceLabelVolume implements LabelVolume {

	private final SliceSource slices;
	private final Region region;
	private final int fullWidth;

	/** @param region within the slices' width, height and number */
	public SliceLabelVolume(final SliceSource slices, final Region region) {
		this.slices = slices;
		this.region = region;
		this.fullWidth = (int) slices.dimensions(0)[0];
	}

	/** @return {width, height} of the first slice: the size every slice must have */
	public static int[] sliceSize(final SliceSource slices) {
		final long[] d = slices.dimensions(0);
		if (d[0] * d[1] > Integer.MAX_VALUE) throw new InvalidInputException(slices.describe(0) + " is " + d[0] + " x " +
			d[1] + ": slices of more than 2^31 pixels are not supported");
		return new int[] { (int) d[0], (int) d[1] };
	}

	@Override
	public int width() {
		return region.width();
	}

	@Override
	public int height() {
		return region.height();
	}

	@Override
	public int depth() {
		return region.depth();
	}

	/** @return what a user calls slice {@code z} of the region */
	public String describe(final int z) {
		return slices.describe(region.z0() + z);
	}

	@Override
	public void read(final int z, final int[] codes) {
		final int index = region.z0() + z;
		final long[] d = slices.dimensions(index);
		final long[] first = slices.dimensions(0);
		if (d[0] != first[0] || d[1] != first[1]) throw new InvalidInputException(slices.describe(index) + " is " +
			d[0] + " x " + d[1] + ", but " + slices.describe(0) + " is " + first[0] + " x " + first[1] +
			": the slices of a label volume must have one size");
		final float[] v = Pixels.toFloats(slices.slice(index));
		final int w = region.width();
		for (int y = 0; y < region.height(); y++) {
			final int row = (region.y0() + y) * fullWidth + region.x0();
			for (int x = 0; x < w; x++) {
				final float f = v[row + x];
				if (f != Math.rint(f) || f < 0 || f > 65535) throw new InvalidInputException(slices.describe(index) +
					" holds the value " + f + ": not a label image (label images hold whole numbers in 0..65535)");
				codes[x + w * y] = (int) f;
			}
		}
	}
}
