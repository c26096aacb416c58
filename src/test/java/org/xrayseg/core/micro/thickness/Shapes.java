package org.xrayseg.core.micro.thickness;

import java.util.Random;

import org.xrayseg.core.micro.volume.ArrayLabelVolume;

/** Label volumes of known shapes for the thickness tests: code 0 is the background. */
final class Shapes {

	private final int width;
	private final int height;
	private final int depth;
	private final int[] codes;

	Shapes(final int width, final int height, final int depth) {
		this.width = width;
		this.height = height;
		this.depth = depth;
		codes = new int[width * height * depth];
	}

	/** Sets the voxels within {@code radius} of (cx, cy, cz) ({@code |v - c|² <= radius²}) to {@code code}. */
	Shapes ball(final int cx, final int cy, final int cz, final int radius, final int code) {
		for (int z = 0; z < depth; z++)
			for (int y = 0; y < height; y++)
				for (int x = 0; x < width; x++)
					if (sq(x - cx) + sq(y - cy) + sq(z - cz) <= radius * radius) set(x, y, z, code);
		return this;
	}

	/** Sets slices [z0, z1) to {@code code}. */
	Shapes plateZ(final int z0, final int z1, final int code) {
		for (int z = z0; z < z1; z++)
			for (int i = 0; i < width * height; i++)
				codes[i + width * height * z] = code;
		return this;
	}

	/** Sets the voxels within {@code radius} of the line x = cx, y = cy (all z) to {@code code}. */
	Shapes rodZ(final int cx, final int cy, final int radius, final int code) {
		for (int z = 0; z < depth; z++)
			for (int y = 0; y < height; y++)
				for (int x = 0; x < width; x++)
					if (sq(x - cx) + sq(y - cy) <= radius * radius) set(x, y, z, code);
		return this;
	}

	/** Adds {@code n} balls of radius 1..maxRadius at seeded random places, leaving a gap between balls. */
	Shapes randomBalls(final long seed, final int n, final int maxRadius, final int code) {
		final Random random = new Random(seed);
		final int[][] placed = new int[n][];
		int count = 0;
		for (int tries = 0; count < n && tries < 100 * n; tries++) {
			final int r = 1 + random.nextInt(maxRadius);
			final int[] c = { random.nextInt(width), random.nextInt(height), random.nextInt(depth), r };
			boolean free = true;
			for (int i = 0; i < count && free; i++)
				free = sq(c[0] - placed[i][0]) + sq(c[1] - placed[i][1]) + sq(c[2] - placed[i][2]) > sq(r +
					placed[i][3] + 2);
			if (!free) continue;
			placed[count++] = c;
			ball(c[0], c[1], c[2], r, code);
		}
		return this;
	}

	/** @return the number of lattice points within {@code radius} of a lattice point */
	static long ballVoxels(final int radius) {
		long n = 0;
		for (int z = -radius; z <= radius; z++)
			for (int y = -radius; y <= radius; y++)
				for (int x = -radius; x <= radius; x++)
					if (x * x + y * y + z * z <= radius * radius) n++;
		return n;
	}

	ArrayLabelVolume volume() {
		return new ArrayLabelVolume(width, height, depth, codes.clone());
	}

	private void set(final int x, final int y, final int z, final int code) {
		codes[x + width * (y + height * z)] = code;
	}

	private static int sq(final int v) {
		return v * v;
	}
}
