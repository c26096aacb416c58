package org.xrayseg.core.micro.thickness;

import java.util.Arrays;

/**
 * The local thicknesses of the voxels of one phase counted so far: how many
 * voxels have each distinct thickness value (an open-addressing map from the
 * float's bits to a count), and how many reached the cap. Distinct values are
 * few (twice the square root of a sum of squared lattice steps), so the map
 * stays small and the median is exact. Not thread-safe: one per worker, merged.
 */
final class ThicknessTally {

	private static final int EMPTY = -1;

	private int[] keys = filled(1024);
	private long[] counts = new long[1024];
	private int size;
	private long capped;

	private static int[] filled(final int n) {
		final int[] a = new int[n];
		Arrays.fill(a, EMPTY);
		return a;
	}

	/** Counts one voxel of thickness {@code t} (finite, positive). */
	void add(final float t) {
		add(Float.floatToIntBits(t), 1);
	}

	/** Counts one voxel whose thickness reached the cap. */
	void addCapped() {
		capped++;
	}

	/** Adds everything {@code other} counted. */
	void merge(final ThicknessTally other) {
		for (int i = 0; i < other.keys.length; i++)
			if (other.keys[i] != EMPTY) add(other.keys[i], other.counts[i]);
		capped += other.capped;
	}

	long capped() {
		return capped;
	}

	/** @return the distinct thicknesses counted, ascending */
	float[] values() {
		final float[] v = new float[size];
		int n = 0;
		for (final int k : keys)
			if (k != EMPTY) v[n++] = Float.intBitsToFloat(k);
		Arrays.sort(v);
		return v;
	}

	/** @return how many voxels have thickness {@code t} */
	long count(final float t) {
		final int key = Float.floatToIntBits(t);
		for (int i = slot(key);; i = (i + 1) & (keys.length - 1)) {
			if (keys[i] == key) return counts[i];
			if (keys[i] == EMPTY) return 0;
		}
	}

	private void add(final int key, final long n) {
		int i = slot(key);
		while (keys[i] != EMPTY && keys[i] != key)
			i = (i + 1) & (keys.length - 1);
		if (keys[i] == EMPTY) {
			keys[i] = key;
			size++;
		}
		counts[i] += n;
		if (2 * size > keys.length) grow();
	}

	private int slot(final int key) {
		return (key * 0x9E3779B9 >>> 7) & (keys.length - 1);
	}

	private void grow() {
		final int[] oldKeys = keys;
		final long[] oldCounts = counts;
		keys = filled(oldKeys.length * 2);
		counts = new long[oldKeys.length * 2];
		size = 0;
		for (int i = 0; i < oldKeys.length; i++)
			if (oldKeys[i] != EMPTY) add(oldKeys[i], oldCounts[i]);
	}
}
