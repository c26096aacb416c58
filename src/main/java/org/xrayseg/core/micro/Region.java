package org.xrayseg.core.micro;

import org.xrayseg.core.error.InvalidInputException;

/**
 * The sub-volume to analyse, as after {@code region=x0,y0,z0,x1,y1,z1}: first
 * and last voxel, both included; x and y are pixel coordinates from 0 (as
 * Fiji's status bar shows them), z slice numbers from 1 (as {@code slices=}
 * and Fiji's slice slider count them).
 *
 * @param x0 first column, 0-based
 * @param y0 first row, 0-based
 * @param z0 first slice, 0-based
 * @param x1 end column, exclusive
 * @param y1 end row, exclusive
 * @param z1 end slice, exclusive
 */
public record Region(int x0, int y0, int z0, int x1, int y1, int z1) {

	/** @return the region {@code text} means, or the whole volume for a blank text */
	public static Region parse(final String text, final int width, final int height, final int depth) {
		return parse(text, width, height, 0, depth);
	}

	/**
	 * @param firstSlice the 0-based number of the first slice in the whole stack (where slices= chose some)
	 * @return the region {@code text} means (its slices numbered as in the whole stack), 0-based within
	 *         the chosen slices; the chosen slices for a blank text
	 */
	public static Region parse(final String text, final int width, final int height, final int firstSlice,
		final int depth)
	{
		if (text == null || text.isBlank()) return new Region(0, 0, 0, width, height, depth);
		final String[] parts = text.trim().split("\\s*,\\s*");
		final int[] v = new int[6];
		try {
			if (parts.length != 6) throw new NumberFormatException();
			for (int i = 0; i < 6; i++)
				v[i] = Integer.parseInt(parts[i]);
		}
		catch (final NumberFormatException e) {
			throw new InvalidInputException("region must be six whole numbers x0,y0,z0,x1,y1,z1 (first and last " +
				"voxel: x and y from 0, slices from 1), not '" + text + "'");
		}
		final Region r = new Region(v[0], v[1], v[2] - 1 - firstSlice, v[3] + 1, v[4] + 1, v[5] - firstSlice);
		if (r.x0 < 0 || r.y0 < 0 || r.z0 < 0 || r.x1 > width || r.y1 > height || r.z1 > depth || r.x0 >= r.x1 ||
			r.y0 >= r.y1 || r.z0 >= r.z1) throw new InvalidInputException("region=" + text.trim() +
				" is not within the volume: x 0.." + (width - 1) + ", y 0.." + (height - 1) + ", slices " + (firstSlice +
					1) + ".." + (firstSlice + depth) + ", each first <= last");
		return r;
	}

	public int width() {
		return x1 - x0;
	}

	public int height() {
		return y1 - y0;
	}

	public int depth() {
		return z1 - z0;
	}

	/** @return the region as a user writes it (x0,y0,z0,x1,y1,z1, last voxels included, slices from 1) */
	public String text() {
		return x0 + "," + y0 + "," + (z0 + 1) + "," + (x1 - 1) + "," + (y1 - 1) + "," + z1;
	}
}
