package org.xrayseg.core.train;

import java.util.SplittableRandom;

import org.xrayseg.core.data.LabelledSlices;

/**
 * Draws random square training patches, reproducibly from a seed: slices in
 * proportion to their area (around an annotated pixel, mostly, where labels are
 * sparse; around a pixel of a phase drawn uniformly, for a share of the patches
 * where phases are unbalanced, so that rare ones are seen, as nnU-Net
 * over-samples foreground), then any of the 8 symmetries of the square, an
 * optional smooth warp, and random grey-value changes (see
 * {@link IntensityAugmentation}). Slices with neighbours (2.5D context) give
 * patches of several channels, all transformed alike.
 */
public final class PatchSampler {

	/**
	 * How patches are varied.
	 *
	 * @param flipsAndRotations the 8 symmetries of the square
	 * @param intensity noise and blur, or brightness, contrast and gamma too (see {@link IntensityAugmentation})
	 * @param noise Gaussian noise of a standard deviation drawn from [0, noise] (normalised grey units)
	 * @param elastic smooth random warps
	 */
	public record Augmentation(boolean flipsAndRotations, GreyAugmentation intensity, double noise, boolean elastic) {

		/** Flips and rotations only, or nothing. */
		public static Augmentation geometric(final boolean flipsAndRotations) {
			return new Augmentation(flipsAndRotations, GreyAugmentation.NONE, 0, false);
		}
	}

	/**
	 * A batch of patches.
	 *
	 * @param plain the centre channel (the labelled slice) before grey-value augmentation, (N, 1, P, P)
	 */
	public record Batch(float[] pixels, float[] plain, byte[] classes, int size, int channels, int patch) {}

	private final LabelledSlices set;
	private final int patch;
	private final Augmentation augmentation;
	private final SplittableRandom random;
	private final long[] cumulativeArea;
	private final int[][] annotatedPixels;
	private final double phaseCentred;
	/** For each phase, a sample of its pixels: slice index in the high 32 bits, pixel index in the low. */
	private long[][] phasePixels;
	/** Patches of sparsely labelled slices drawn around an annotated pixel (the rest anywhere). */
	static final double ANNOTATED_SHARE = 0.9;
	private static final int MAX_ANNOTATED_SAMPLES = 100_000;
	private static final int[] FULLY_ANNOTATED = new int[0];

	public PatchSampler(final LabelledSlices set, final int patch, final Augmentation augmentation,
		final long seed)
	{
		this(set, patch, augmentation, 0, seed);
	}

	/**
	 * @param phaseCentred share of the patches of completely labelled slices centred on a pixel of a phase
	 *          drawn uniformly (0: none)
	 */
	public PatchSampler(final LabelledSlices set, final int patch, final Augmentation augmentation,
		final double phaseCentred, final long seed)
	{
		this.set = set;
		this.phaseCentred = phaseCentred;
		this.patch = patch;
		this.augmentation = augmentation;
		this.random = new SplittableRandom(seed);
		annotatedPixels = new int[set.size()][];
		cumulativeArea = new long[set.size()];
		long sum = 0;
		for (int i = 0; i < set.size(); i++) {
			sum += (long) set.get(i).width() * set.get(i).height();
			cumulativeArea[i] = sum;
		}
	}

	/** @return {@code size} new patches: pixels (N, C, P, P) and classes (N, P, P), row-major */
	public Batch next(final int size) {
		final int area = patch * patch;
		final int channels = set.get(0).channels();
		final float[] pixels = new float[size * channels * area];
		final float[] plain = new float[size * area];
		final byte[] classes = new byte[size * area];
		for (int n = 0; n < size; n++) {
			draw(pixels, n * channels * area, classes, n * area);
			System.arraycopy(pixels, (n * channels + channels / 2) * area, plain, n * area, area);
			varyGrey(pixels, n * channels * area, channels);
		}
		return new Batch(pixels, plain, classes, size, channels, patch);
	}

	private void varyGrey(final float[] pixels, final int pixelOffset, final int channels) {
		final int area = patch * patch;
		IntensityAugmentation.apply(pixels, pixelOffset, channels, patch, random, augmentation.intensity());
		if (augmentation.noise() > 0) {
			final double sigma = random.nextDouble() * augmentation.noise();
			for (int i = 0; i < channels * area; i++)
				pixels[pixelOffset + i] += (float) (sigma * random.nextGaussian());
		}
	}

	private void draw(final float[] pixels, final int pixelOffset, final byte[] classes, final int classOffset) {
		int index = pickSlice();
		LabelledSlices.Slice s = set.get(index);
		int x0 = random.nextInt(s.width() - patch + 1);
		int y0 = random.nextInt(s.height() - patch + 1);
		final int[] annotated = annotated(index);
		if (annotated != null && random.nextDouble() < ANNOTATED_SHARE) {
			// sparse labels: centre the patch on an annotated pixel
			final int pixel = annotated[random.nextInt(annotated.length)];
			x0 = Math.max(0, Math.min(s.width() - patch, pixel % s.width() - patch / 2));
			y0 = Math.max(0, Math.min(s.height() - patch, pixel / s.width() - patch / 2));
		}
		else if (annotated == null && phaseCentred > 0 && random.nextDouble() < phaseCentred) {
			final long[][] byPhase = phasePixels();
			final long[] of = byPhase[random.nextInt(byPhase.length)];
			if (of.length > 0) {
				final long at = of[random.nextInt(of.length)];
				index = (int) (at >>> 32);
				s = set.get(index);
				final int pixel = (int) at;
				x0 = Math.max(0, Math.min(s.width() - patch, pixel % s.width() - patch / 2));
				y0 = Math.max(0, Math.min(s.height() - patch, pixel / s.width() - patch / 2));
			}
		}
		final int symmetry = augmentation.flipsAndRotations() ? random.nextInt(8) : 0;
		final float[][] warp = augmentation.elastic() ? ElasticWarp.field(patch, random) : null;
		final int area = patch * patch;
		for (int y = 0; y < patch; y++) {
			for (int x = 0; x < patch; x++) {
				int u = (symmetry & 1) != 0 ? patch - 1 - x : x;
				int v = (symmetry & 2) != 0 ? patch - 1 - y : y;
				if ((symmetry & 4) != 0) {
					final int t = u;
					u = v;
					v = t;
				}
				final int i = y * patch + x;
				final float sx = x0 + u + (warp == null ? 0 : warp[0][i]);
				final float sy = y0 + v + (warp == null ? 0 : warp[1][i]);
				final int nx = clamp(Math.round(sx), s.width());
				final int ny = clamp(Math.round(sy), s.height());
				classes[classOffset + i] = s.classes()[ny * s.width() + nx];
				for (int c = 0; c < s.channels(); c++)
					pixels[pixelOffset + c * area + i] = warp == null ? s.channel(c)[ny * s.width() + nx] : ElasticWarp
						.bilinear(s.channel(c), s.width(), s.height(), sx, sy);
			}
		}
	}

	private static int clamp(final int v, final int size) {
		return Math.max(0, Math.min(size - 1, v));
	}

	/** @return where slice {@code index} is annotated (a sample), or null if it is annotated everywhere */
	private int[] annotated(final int index) {
		if (annotatedPixels[index] == null) {
			final byte[] classes = set.get(index).classes();
			int n = 0;
			for (final byte c : classes)
				if (c >= 0) n++;
			if (n == classes.length) annotatedPixels[index] = FULLY_ANNOTATED;
			else {
				final int stride = Math.max(1, n / MAX_ANNOTATED_SAMPLES);
				final int[] at = new int[(n + stride - 1) / stride];
				int k = 0;
				int seen = 0;
				for (int i = 0; i < classes.length && k < at.length; i++)
					if (classes[i] >= 0 && seen++ % stride == 0) at[k++] = i;
				annotatedPixels[index] = java.util.Arrays.copyOf(at, k);
			}
		}
		return annotatedPixels[index] == FULLY_ANNOTATED || annotatedPixels[index].length == 0 ? null
			: annotatedPixels[index];
	}

	/** @return a sample of every phase's pixels (evenly spaced, at most {@link #MAX_ANNOTATED_SAMPLES} each) */
	private long[][] phasePixels() {
		if (phasePixels != null) return phasePixels;
		int phases = 0;
		for (final LabelledSlices.Slice s : set.slices())
			for (final byte c : s.classes())
				phases = Math.max(phases, c + 1);
		final long[] counts = new long[phases];
		for (final LabelledSlices.Slice s : set.slices())
			for (final byte c : s.classes())
				if (c >= 0) counts[c]++;
		phasePixels = new long[phases][];
		final int[] filled = new int[phases];
		final long[] stride = new long[phases];
		for (int c = 0; c < phases; c++) {
			stride[c] = Math.max(1, counts[c] / MAX_ANNOTATED_SAMPLES);
			phasePixels[c] = new long[(int) ((counts[c] + stride[c] - 1) / stride[c])];
		}
		final long[] seen = new long[phases];
		for (int i = 0; i < set.size(); i++) {
			final byte[] classes = set.get(i).classes();
			for (int p = 0; p < classes.length; p++) {
				final int c = classes[p];
				if (c >= 0 && seen[c]++ % stride[c] == 0 && filled[c] < phasePixels[c].length)
					phasePixels[c][filled[c]++] = (long) i << 32 | p;
			}
		}
		return phasePixels;
	}

	private int pickSlice() {
		final long r = random.nextLong(cumulativeArea[cumulativeArea.length - 1]);
		int i = 0;
		while (cumulativeArea[i] <= r)
			i++;
		return i;
	}
}
