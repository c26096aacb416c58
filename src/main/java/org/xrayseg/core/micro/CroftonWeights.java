package org.xrayseg.core.micro;

/**
 * The share of all directions in space that each of the 13 neighbour
 * directions stands for (the solid angle of its cell in the Voronoi partition
 * of the sphere, both opposite cells counted), for a given voxel size: the
 * weights of the discrete Cauchy-Crofton formula S_V = 2 * sum_i c_i * P_L,i,
 * where P_L,i is the number of interface crossings per unit length of line
 * along direction i. Computed from a dense, even spread of points on the
 * sphere, so anisotropic voxels get their own weights.
 */
final class CroftonWeights {

	private static final int POINTS = 200_000;

	private CroftonWeights() {}

	/** @return one weight per {@link InterfaceCounter#DIRECTIONS} entry, summing to 1 */
	static double[] of(final double hx, final double hy, final double hz) {
		final int n = InterfaceCounter.DIRECTIONS.length;
		final double[][] unit = new double[n][];
		for (int d = 0; d < n; d++)
			unit[d] = unitVector(InterfaceCounter.DIRECTIONS[d], hx, hy, hz);
		final long[] hits = new long[n];
		final double golden = Math.PI * (3 - Math.sqrt(5));
		for (int k = 0; k < POINTS; k++) {
			// Fibonacci sphere: an even spread of points
			final double z = 1 - (2 * k + 1) / (double) POINTS;
			final double r = Math.sqrt(1 - z * z);
			final double x = r * Math.cos(golden * k), y = r * Math.sin(golden * k);
			int best = 0;
			double bestDot = -1;
			for (int d = 0; d < n; d++) {
				// a direction and its opposite: the nearest is the largest |cos|
				final double dot = Math.abs(x * unit[d][0] + y * unit[d][1] + z * unit[d][2]);
				if (dot > bestDot) {
					bestDot = dot;
					best = d;
				}
			}
			hits[best]++;
		}
		final double[] weights = new double[n];
		for (int d = 0; d < n; d++)
			weights[d] = hits[d] / (double) POINTS;
		return weights;
	}

	/** @return the length of one step along {@code dir} for voxels of hx x hy x hz */
	static double stepLength(final int[] dir, final double hx, final double hy, final double hz) {
		return Math.sqrt(sq(dir[0] * hx) + sq(dir[1] * hy) + sq(dir[2] * hz));
	}

	private static double[] unitVector(final int[] dir, final double hx, final double hy, final double hz) {
		final double len = stepLength(dir, hx, hy, hz);
		return new double[] { dir[0] * hx / len, dir[1] * hy / len, dir[2] * hz / len };
	}

	private static double sq(final double v) {
		return v * v;
	}
}
