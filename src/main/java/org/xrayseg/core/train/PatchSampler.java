package org.xrayseg.core.train;

import java.util.SplittableRandom;

import org.xrayseg.core.data.LabelledSlices;

/**
 * Draws random square training patches with random flips and 90-degree
 * rotations (the 8 symmetries of the square), reproducibly from a seed.
 * Slices are chosen in proportion to their area.
 */
public final class PatchSampler {

	/** A batch of patches. */
	public record Batch(float[] pixels, byte[] classes, int size, int patch) {

		/** @return one-hot labels, row-major (N, K, P, P) */
		public float[] oneHot(final int classCount) {
			final int area = patch * patch;
			final float[] out = new float[size * classCount * area];
			for (int n = 0; n < size; n++)
				for (int i = 0; i < area; i++)
					out[(n * classCount + classes[n * area + i]) * area + i] = 1;
			return out;
		}
	}

	private final LabelledSlices set;
	private final int patch;
	private final boolean augment;
	private final double noise;
	private final SplittableRandom random;
	private final long[] cumulativeArea;

	public PatchSampler(final LabelledSlices set, final int patch, final boolean augment, final long seed) {
		this(set, patch, augment, 0, seed);
	}

	/**
	 * @param noise Gaussian noise of a standard deviation drawn uniformly from
	 *          [0, noise] is added to each patch (normalised grey units)
	 */
	public PatchSampler(final LabelledSlices set, final int patch, final boolean augment, final double noise,
		final long seed)
	{
		this.set = set;
		this.patch = patch;
		this.augment = augment;
		this.noise = noise;
		this.random = new SplittableRandom(seed);
		cumulativeArea = new long[set.size()];
		long sum = 0;
		for (int i = 0; i < set.size(); i++) {
			sum += (long) set.get(i).width() * set.get(i).height();
			cumulativeArea[i] = sum;
		}
	}

	/** @return {@code size} new patches: pixels (N, 1, P, P) and classes (N, P, P), row-major */
	public Batch next(final int size) {
		final int area = patch * patch;
		final float[] pixels = new float[size * area];
		final byte[] classes = new byte[size * area];
		for (int n = 0; n < size; n++)
			draw(pixels, classes, n * area);
		return new Batch(pixels, classes, size, patch);
	}

	private void draw(final float[] pixels, final byte[] classes, final int offset) {
		final LabelledSlices.Slice s = set.get(pickSlice());
		final int x0 = random.nextInt(s.width() - patch + 1);
		final int y0 = random.nextInt(s.height() - patch + 1);
		final int symmetry = augment ? random.nextInt(8) : 0;
		final boolean transpose = (symmetry & 4) != 0;
		final boolean flipX = (symmetry & 1) != 0;
		final boolean flipY = (symmetry & 2) != 0;
		for (int y = 0; y < patch; y++) {
			for (int x = 0; x < patch; x++) {
				int u = flipX ? patch - 1 - x : x;
				int v = flipY ? patch - 1 - y : y;
				if (transpose) {
					final int t = u;
					u = v;
					v = t;
				}
				final int src = (y0 + v) * s.width() + x0 + u;
				pixels[offset + y * patch + x] = s.pixels()[src];
				classes[offset + y * patch + x] = s.classes()[src];
			}
		}
		if (noise > 0) {
			final double sigma = random.nextDouble() * noise;
			for (int i = 0; i < patch * patch; i++)
				pixels[offset + i] += (float) (sigma * random.nextGaussian());
		}
	}

	private int pickSlice() {
		final long r = random.nextLong(cumulativeArea[cumulativeArea.length - 1]);
		int i = 0;
		while (cumulativeArea[i] <= r)
			i++;
		return i;
	}
}
