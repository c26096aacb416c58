package org.xrayseg.core.micro;

/**
 * Counts, for every pair of phases, the neighbouring voxel pairs of different
 * phases along the 13 directions of the 3 x 3 x 3 neighbourhood: along the
 * three axes these are the voxel faces between the phases; all 13 give a
 * Crofton estimate of the interface's true area (see {@link InterfaceAreas}).
 * Streams: one slice and the one before it at a time.
 */
final class InterfaceCounter {

	/** The 13 directions (dx, dy, dz), one of each opposite pair; the first two and the fifth are the axes. */
	static final int[][] DIRECTIONS = { { 1, 0, 0 }, { 0, 1, 0 }, { 1, 1, 0 }, { 1, -1, 0 }, { 0, 0, 1 }, { 1, 0, 1 },
		{ -1, 0, 1 }, { 0, 1, 1 }, { 0, -1, 1 }, { 1, 1, 1 }, { 1, -1, 1 }, { -1, 1, 1 }, { -1, -1, 1 } };
	static final int X = 0, Y = 1, Z = 4;

	private static final int M = PhaseIndex.MAX;
	/** pairs[direction][a * M + b], a < b */
	final long[][] pairs = new long[DIRECTIONS.length][M * M];

	/**
	 * Counts the pairs within slice {@code cur} and between {@code prev} (the
	 * slice before, or null for the first) and {@code cur}; arrays hold phase
	 * indices at x + w * y.
	 */
	void add(final byte[] prev, final byte[] cur, final int w, final int h) {
		for (int d = 0; d < DIRECTIONS.length; d++) {
			final int[] dir = DIRECTIONS[d];
			if (dir[2] == 1 && prev == null) continue;
			count(dir[2] == 1 ? prev : cur, cur, w, h, dir[0], dir[1], pairs[d]);
		}
	}

	private static void count(final byte[] from, final byte[] to, final int w, final int h, final int dx,
		final int dy, final long[] counts)
	{
		final int x0 = Math.max(0, -dx), x1 = Math.min(w, w - dx);
		final int y0 = Math.max(0, -dy), y1 = Math.min(h, h - dy);
		final int shift = dx + w * dy;
		for (int y = y0; y < y1; y++) {
			final int row = w * y;
			for (int i = row + x0, end = row + x1; i < end; i++) {
				final int a = from[i], b = to[i + shift];
				if (a != b) counts[a < b ? a * M + b : b * M + a]++;
			}
		}
	}
}
