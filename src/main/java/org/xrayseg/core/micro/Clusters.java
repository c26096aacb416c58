package org.xrayseg.core.micro;

import java.util.Arrays;

/**
 * The clusters of a label volume found slice by slice: a union-find over
 * provisional cluster numbers, each root carrying its phase, its voxel count
 * and which of the six faces of the volume it touches. Memory grows with the
 * number of provisional clusters (about the number of 2D clusters summed over
 * the slices), not with the voxels.
 */
final class Clusters {

	/** Face bits: the first and last column (x), row (y) and slice (z). */
	static final int X0 = 1, X1 = 2, Y0 = 4, Y1 = 8, Z0 = 16, Z1 = 32;

	private int[] parent = new int[1024];
	private long[] size = new long[1024];
	private byte[] faces = new byte[1024];
	private byte[] phase = new byte[1024];
	private int count;

	/** @return a new cluster of {@code phaseIndex} holding no voxel yet */
	int create(final int phaseIndex) {
		if (count == parent.length) grow();
		if (count == Integer.MAX_VALUE) throw new IllegalStateException("more than 2^31 clusters");
		parent[count] = count;
		phase[count] = (byte) phaseIndex;
		return count++;
	}

	private void grow() {
		final int n = (int) Math.min(Integer.MAX_VALUE, 2L * parent.length);
		parent = Arrays.copyOf(parent, n);
		size = Arrays.copyOf(size, n);
		faces = Arrays.copyOf(faces, n);
		phase = Arrays.copyOf(phase, n);
	}

	/** @return the root of {@code c}'s cluster (compressing the path) */
	int find(final int c) {
		int r = c;
		while (parent[r] != r)
			r = parent[r];
		int i = c;
		while (parent[i] != r) {
			final int next = parent[i];
			parent[i] = r;
			i = next;
		}
		return r;
	}

	/** Joins the clusters of {@code a} and {@code b}; @return the root of the joined cluster */
	int union(final int a, final int b) {
		int ra = find(a), rb = find(b);
		if (ra == rb) return ra;
		if (size[ra] < size[rb]) {
			final int t = ra;
			ra = rb;
			rb = t;
		}
		parent[rb] = ra;
		size[ra] += size[rb];
		faces[ra] |= faces[rb];
		return ra;
	}

	/** Counts one voxel, touching {@code faceBits}, to the root {@code root}. */
	void addVoxel(final int root, final int faceBits) {
		size[root]++;
		faces[root] |= faceBits;
	}

	int count() {
		return count;
	}

	boolean isRoot(final int c) {
		return parent[c] == c;
	}

	long size(final int root) {
		return size[root];
	}

	int faces(final int root) {
		return faces[root];
	}

	int phase(final int c) {
		return phase[c];
	}

	/** @return true if the root's cluster connects two opposite faces of the volume */
	boolean percolates(final int root) {
		final int f = faces[root];
		return (f & (X0 | X1)) == (X0 | X1) || (f & (Y0 | Y1)) == (Y0 | Y1) || (f & (Z0 | Z1)) == (Z0 | Z1);
	}
}
