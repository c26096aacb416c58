package org.xrayseg.core.infer;

import ai.djl.ndarray.NDArray;

/**
 * The 8 symmetries of the square (flips and 90-degree rotations) of a batch of
 * tiles (N, C, H, W), for test-time augmentation: bit 0 flips x (W), bit 1
 * flips y (H), bit 2 swaps the axes (after the flips). Each tile is turned as a
 * whole, so that a turned tile sees the same pixels and context as the tile.
 */
final class Symmetry {

	static final int COUNT = 8;

	private Symmetry() {}

	static boolean swapsAxes(final int s) {
		return (s & 4) != 0;
	}

	/** @return {@code x} (N, C, H, W) under symmetry {@code s} (a new array or view attached to x's manager) */
	static NDArray turn(final NDArray x, final int s) {
		final NDArray flipped = flip(x, s);
		return swapsAxes(s) ? flipped.transpose(0, 1, 3, 2) : flipped;
	}

	/** @return {@code y} (N, K, H', W') of a turned batch in the geometry of the batch before {@link #turn} */
	static NDArray back(final NDArray y, final int s) {
		return flip(swapsAxes(s) ? y.transpose(0, 1, 3, 2) : y, s);
	}

	private static NDArray flip(final NDArray x, final int s) {
		if ((s & 3) == 3) return x.flip(2, 3);
		if ((s & 1) != 0) return x.flip(3);
		if ((s & 2) != 0) return x.flip(2);
		return x;
	}
}
