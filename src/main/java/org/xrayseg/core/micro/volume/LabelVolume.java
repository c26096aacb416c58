package org.xrayseg.core.micro.volume;

/**
 * A label volume read one slice at a time, so that memory grows with a slice,
 * not with the volume: the region of a label stack that Analyze Microstructure
 * measures. Codes are the label values as stored (e.g. 0, 128, 255).
 * Coordinates: x = column (0..width-1), y = row, z = slice, all 0-based
 * within the region.
 */
public interface LabelVolume {

	int width();

	int height();

	int depth();

	/**
	 * Reads slice {@code z} into {@code codes[x + width * y]}.
	 *
	 * @param codes at least width * height long
	 */
	void read(int z, int[] codes);

	/** @return the number of voxels */
	default long voxels() {
		return (long) width() * height() * depth();
	}
}
