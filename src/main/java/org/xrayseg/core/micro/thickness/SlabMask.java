package org.xrayseg.core.micro.thickness;

import org.xrayseg.core.micro.volume.LabelVolume;

/**
 * A window of consecutive slices of a label volume held as one bit per voxel
 * (set where the voxel belongs to the phase). {@link #advance} moves the window
 * forward, reading every slice of the volume through
 * {@link LabelVolume#read} exactly once and dropping the slices left behind;
 * memory is {@code capacity} slices of bits plus one slice of int codes.
 * Reading the bits of the current window from several threads is safe while
 * no thread advances it.
 */
final class SlabMask {

	private final LabelVolume volume;
	private final int code;
	private final int width;
	private final int height;
	private final int wordsPerSlice;
	private final long[][] ring;
	private final int[] codes;
	private int first;
	private int end;
	private long phaseVoxels;

	/** @param capacity the most slices the window will hold */
	SlabMask(final LabelVolume volume, final int code, final int capacity) {
		this.volume = volume;
		this.code = code;
		width = volume.width();
		height = volume.height();
		wordsPerSlice = (int) (((long) width * height + 63) >>> 6);
		ring = new long[Math.min(capacity, volume.depth())][];
		codes = new int[width * height];
	}

	/** @return bytes held by a window of {@code capacity} slices of a width x height volume */
	static long bytesNeeded(final int width, final int height, final int capacity) {
		final long pixels = (long) width * height;
		return capacity * ((pixels + 63) / 64 * 8 + 16) + pixels * 4;
	}

	/**
	 * Makes the window hold slices {@code from} (inclusive) to {@code to}
	 * (exclusive); both only ever grow.
	 */
	void advance(final int from, final int to) {
		if (to - from > ring.length || from < first || from > end) throw new IllegalStateException("window " +
			from + ".." + to + " after " + first + ".." + end);
		first = from;
		while (end < to) {
			// the slot of slice end holds slice end - capacity, which lies before the window
			final long[] bits = ring[end % ring.length];
			read(end, bits == null ? new long[wordsPerSlice] : bits);
			end++;
		}
	}

	private void read(final int z, final long[] bits) {
		volume.read(z, codes);
		java.util.Arrays.fill(bits, 0);
		for (int i = 0; i < codes.length; i++)
			if (codes[i] == code) {
				bits[i >>> 6] |= 1L << i;
				phaseVoxels++;
			}
		ring[z % ring.length] = bits;
	}

	/** @return whether (x, y, z) belongs to the phase; z must lie in the window */
	boolean isPhase(final int x, final int y, final int z) {
		final int i = x + width * y;
		return (ring[z % ring.length][i >>> 6] & 1L << i) != 0;
	}

	/** @return the number of phase voxels in all slices read so far */
	long phaseVoxels() {
		return phaseVoxels;
	}
}
