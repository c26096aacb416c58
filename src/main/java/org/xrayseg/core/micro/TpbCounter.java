package org.xrayseg.core.micro;

/**
 * Counts the triple-phase boundary: the voxel edges around which three (or
 * four) different phases meet, per triple of phases and per direction of the
 * edge, and optionally the active part, where every phase of the triple has a
 * voxel at the edge that belongs to a percolating cluster. An edge along z
 * lies within a slice (its 2 x 2 voxels); edges along x and y lie between a
 * slice and the one before it.
 */
final class TpbCounter {

	static final int ALONG_X = 0, ALONG_Y = 1, ALONG_Z = 2;
	private static final int M = PhaseIndex.MAX;

	/** edges[direction][triple], triple = a * M * M + b * M + c with a < b < c */
	final long[][] edges = new long[3][];
	private final boolean active;

	/** @param active count only edges where all three phases percolate (flags given to {@link #add}) */
	TpbCounter(final boolean active) {
		this.active = active;
	}

	/**
	 * @param prev the phase indices of the slice before, or null for the first
	 * @param prevFlags, curFlags 1 where the voxel's cluster percolates (only
	 *          read when counting the active part)
	 */
	void add(final byte[] prev, final byte[] cur, final byte[] prevFlags, final byte[] curFlags, final int w,
		final int h)
	{
		for (int y = 0; y + 1 < h; y++)
			for (int i = w * y, end = i + w - 1; i < end; i++)
				if (!fewerThanThree(cur[i], cur[i + 1], cur[i + w], cur[i + w + 1])) edge(ALONG_Z, cur, cur, curFlags,
					curFlags, i, i + 1, i + w, i + w + 1);
		if (prev == null) return;
		for (int i = 0, end = w * (h - 1); i < end; i++)
			if (!fewerThanThree(prev[i], prev[i + w], cur[i], cur[i + w])) edge(ALONG_X, prev, cur, prevFlags, curFlags,
				i, i + w, i, i + w);
		for (int y = 0; y < h; y++)
			for (int i = w * y, end = i + w - 1; i < end; i++)
				if (!fewerThanThree(prev[i], prev[i + 1], cur[i], cur[i + 1])) edge(ALONG_Y, prev, cur, prevFlags,
					curFlags, i, i + 1, i, i + 1);
	}

	/** @return true unless three or four distinct phases are among the four (then at most one pair is equal) */
	private static boolean fewerThanThree(final byte a, final byte b, final byte c, final byte d) {
		return eq(a, b) + eq(a, c) + eq(a, d) + eq(b, c) + eq(b, d) + eq(c, d) > 1;
	}

	/** The edge between voxels i, j of slice {@code s} and k, l of slice {@code t}. */
	private void edge(final int dir, final byte[] s, final byte[] t, final byte[] sf, final byte[] tf, final int i,
		final int j, final int k, final int l)
	{
		final int a = s[i], b = s[j], c = t[k], d = t[l];
		int n = 1;
		final int[] p = { a, 0, 0, 0 };
		if (b != a) p[n++] = b;
		if (c != a && c != b) p[n++] = c;
		if (d != a && d != b && d != c) p[n++] = d;
		java.util.Arrays.sort(p, 0, n);
		for (int u = 0; u < n; u++)
			for (int v = u + 1; v < n; v++)
				for (int q = v + 1; q < n; q++) {
					if (active && !(percolates(p[u], s, t, sf, tf, i, j, k, l) && percolates(p[v], s, t, sf, tf, i, j, k,
						l) && percolates(p[q], s, t, sf, tf, i, j, k, l))) continue;
					if (edges[dir] == null) edges[dir] = new long[M * M * M];
					edges[dir][p[u] * M * M + p[v] * M + p[q]]++;
				}
	}

	private static int eq(final int a, final int b) {
		return a == b ? 1 : 0;
	}

	private static boolean percolates(final int phase, final byte[] s, final byte[] t, final byte[] sf,
		final byte[] tf, final int i, final int j, final int k, final int l)
	{
		return s[i] == phase && sf[i] != 0 || s[j] == phase && sf[j] != 0 || t[k] == phase && tf[k] != 0 ||
			t[l] == phase && tf[l] != 0;
	}

	/** @return the number of edges along {@code dir} where phases a < b < c meet */
	long count(final int dir, final int a, final int b, final int c) {
		return edges[dir] == null ? 0 : edges[dir][a * M * M + b * M + c];
	}
}
