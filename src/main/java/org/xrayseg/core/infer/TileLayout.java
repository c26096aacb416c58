package org.xrayseg.core.infer;

/**
 * Where tiles go along one axis of an image of {@code size} pixels. The image is
 * extended by reflection by half the overlap on both sides, so that border
 * pixels get context as in the middle. If that fits into one tile, one tile
 * covers it; otherwise as few equal tiles as possible (at most
 * {@code maxTile}) cover it, neighbours sharing {@code overlap} pixels. Tile
 * starts lie on the network's pooling grid (multiples of 2^depth), so that a
 * tile pools exactly as the whole image would. Each pixel takes the prediction
 * of the one tile that {@link #ownedFrom(int)} and {@link #ownedTo(int)} give it.
 */
final class TileLayout {

	final int size;
	final int overlap;
	final int margin;
	final int tile;
	final int paddedSize;
	final int[] starts;

	/**
	 * @param size pixels of the image along this axis
	 * @param maxTile largest tile side (a multiple of {@code multiple})
	 * @param overlap pixels shared by neighbouring tiles; rounded up to a multiple of {@code multiple}
	 * @param multiple tile sides and starts must be multiples of this
	 */
	TileLayout(final int size, final int maxTile, final int overlap, final int multiple) {
		this.size = size;
		this.overlap = Math.min(roundUp(overlap, multiple), maxTile / 2 / multiple * multiple);
		this.margin = this.overlap / 2;
		final int needed = size + 2 * margin;
		if (needed <= maxTile) {
			tile = roundUp(needed, multiple);
			paddedSize = tile;
			starts = new int[] { 0 };
			return;
		}
		final int count = divideUp(needed - this.overlap, maxTile - this.overlap);
		tile = Math.min(maxTile, roundUp(divideUp(needed - this.overlap, count) + this.overlap, multiple));
		paddedSize = roundUp(needed, multiple);
		final int stride = tile - this.overlap;
		starts = new int[divideUp(paddedSize - tile, stride) + 1];
		for (int k = 0; k < starts.length; k++)
			starts[k] = Math.min(k * stride, paddedSize - tile);
	}

	/**
	 * @return the first image coordinate that tile {@code k} gives its prediction to. The
	 *         tiles' shares meet halfway across each overlap, so that every pixel takes the
	 *         prediction of one tile, in which it has at least half the overlap of context.
	 */
	int ownedFrom(final int k) {
		return k == 0 ? 0 : Math.max(0, Math.min(size, (starts[k - 1] + tile + starts[k]) / 2 - margin));
	}

	/** @return the image coordinate after the last that tile {@code k} gives its prediction to */
	int ownedTo(final int k) {
		return k == starts.length - 1 ? size : ownedFrom(k + 1);
	}

	/** @return the image coordinate of padded coordinate {@code p}, mirrored at the borders */
	int source(final int p) {
		return reflect(p - margin, size);
	}

	static int reflect(int i, final int n) {
		if (n == 1) return 0;
		final int period = 2 * (n - 1);
		i = Math.floorMod(i, period);
		return i < n ? i : period - i;
	}

	private static int divideUp(final int a, final int b) {
		return (a + b - 1) / b;
	}

	static int roundUp(final int v, final int multiple) {
		return (v + multiple - 1) / multiple * multiple;
	}
}
