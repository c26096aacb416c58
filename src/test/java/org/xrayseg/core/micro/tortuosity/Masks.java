package org.xrayseg.core.micro.tortuosity;

import java.util.Random;

/** Small phase masks for the tortuosity tests, {@code mask[x + nx * (y + ny * z)]}. */
final class Masks {

	/** Decides per voxel whether it is in the phase. */
	interface Shape {

		boolean inPhase(int x, int y, int z);
	}

	private Masks() {}

	/** @return the mask of {@code shape} */
	static byte[] of(final int nx, final int ny, final int nz, final Shape shape) {
		final byte[] mask = new byte[nx * ny * nz];
		for (int z = 0; z < nz; z++)
			for (int y = 0; y < ny; y++)
				for (int x = 0; x < nx; x++)
					if (shape.inPhase(x, y, z)) mask[x + nx * (y + ny * z)] = 1;
		return mask;
	}

	/**
	 * @return a staircase of one voxel's width in the (x, y) plane through all
	 *         z: (0,0), (1,0), (1,1), (2,1), ..., (k-1,k-1), (k,k-1) in a
	 *         (k+1) x k x nz region; a single chain of 2k voxels per z
	 */
	static byte[] staircase(final int k, final int nz) {
		return of(k + 1, k, nz, (x, y, z) -> y == x || y == x - 1);
	}

	/**
	 * @return a seeded random blob phase: uniform noise box-smoothed over
	 *         radius 1 and thresholded to about {@code fraction} of the voxels
	 */
	static byte[] blobs(final int n, final double fraction, final long seed) {
		final Random random = new Random(seed);
		final float[] noise = new float[n * n * n];
		for (int i = 0; i < noise.length; i++)
			noise[i] = random.nextFloat();
		final float[] smooth = new float[noise.length];
		for (int z = 0; z < n; z++)
			for (int y = 0; y < n; y++)
				for (int x = 0; x < n; x++) {
					float s = 0;
					for (int dz = -1; dz <= 1; dz++)
						for (int dy = -1; dy <= 1; dy++)
							for (int dx = -1; dx <= 1; dx++)
								s += noise[Math.floorMod(x + dx, n) + n * (Math.floorMod(y + dy, n) + n * Math
									.floorMod(z + dz, n))];
					smooth[x + n * (y + n * z)] = s;
				}
		final float[] sorted = smooth.clone();
		java.util.Arrays.sort(sorted);
		final float threshold = sorted[(int) ((1 - fraction) * sorted.length)];
		final byte[] mask = new byte[noise.length];
		for (int i = 0; i < mask.length; i++)
			if (smooth[i] >= threshold) mask[i] = 1;
		return mask;
	}
}
