package org.xrayseg.core.infer;

import java.util.stream.IntStream;

/**
 * The 8 symmetries of the square (flips and 90-degree rotations) on row-major
 * planes, for test-time augmentation: bit 0 flips x, bit 1 flips y, bit 2
 * swaps the axes (after the flips).
 */
final class Symmetry {

	static final int COUNT = 8;

	private Symmetry() {}

	static boolean swapsAxes(final int s) {
		return (s & 4) != 0;
	}

	/** @return the plane ({@code width} x {@code height}) under symmetry {@code s} (new array; rows in parallel) */
	static float[] apply(final float[] plane, final int width, final int height, final int s) {
		final float[] out = new float[plane.length];
		IntStream.range(0, height).parallel().forEach(y -> {
			final int step = turnedIndex(1, y, width, height, s) - turnedIndex(0, y, width, height, s);
			for (int x = 0, i = y * width, to = turnedIndex(0, y, width, height, s); x < width; x++, i++, to += step)
				out[to] = plane[i];
		});
		return out;
	}

	/**
	 * Adds the class probabilities predicted for the image under symmetry
	 * {@code s} back in the image's own geometry (rows in parallel).
	 *
	 * @param turned (K, H', W') probabilities of the turned image
	 * @param sum (K, H, W) where they are added
	 */
	static void addInverse(final float[] turned, final int classes, final int width, final int height, final int s,
		final float[] sum)
	{
		final int n = width * height;
		IntStream.range(0, height).parallel().forEach(y -> {
			final int first = turnedIndex(0, y, width, height, s);
			final int step = turnedIndex(1, y, width, height, s) - first; // linear in x: 1, -1, height or -height
			for (int c = 0; c < classes; c++)
				for (int x = 0, i = c * n + y * width, from = c * n + first; x < width; x++, i++, from += step)
					sum[i] += turned[from];
		});
	}

	/** @return where pixel (x, y) of a {@code width} x {@code height} plane lies in the plane turned by {@code s} */
	private static int turnedIndex(final int x, final int y, final int width, final int height, final int s) {
		final int fx = (s & 1) != 0 ? width - 1 - x : x;
		final int fy = (s & 2) != 0 ? height - 1 - y : y;
		return swapsAxes(s) ? fx * height + fy : fy * width + fx;
	}
}
