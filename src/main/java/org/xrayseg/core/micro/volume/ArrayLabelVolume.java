package org.xrayseg.core.micro.volume;

/**
 * A label volume held in one array, {@code codes[x + width * (y + height * z)]}:
 * for tests and for regions small enough to hold.
 */
public record ArrayLabelVolume(int width, int height, int depth, int[] codes) implements LabelVolume {

	public ArrayLabelVolume {
		if (width < 1 || height < 1 || depth < 1 || codes.length != (long) width * height * depth)
			throw new IllegalArgumentException(width + " x " + height + " x " + depth + " does not match " +
				codes.length + " codes");
	}

	@Override
	public void read(final int z, final int[] slice) {
		System.arraycopy(codes, z * width * height, slice, 0, width * height);
	}

	/** @return the code at (x, y, z) */
	public int get(final int x, final int y, final int z) {
		return codes[x + width * (y + height * z)];
	}
}
