package org.xrayseg.bench;

import java.util.SplittableRandom;
import java.util.stream.IntStream;

import org.xrayseg.core.filter.Gaussian;

/**
 * A seeded two-phase volume for the tortuosity benchmark: white noise smoothed
 * by a Gaussian of a different width along each axis (periodic edges), the
 * top {@code fraction} of the values taken as the phase. At 30% the phase
 * percolates in every direction; the longer smoothing along z makes it
 * anisotropic (less tortuous along z).
 */
final class AnisotropicPhase {

	static final double[] SIGMA = { 1.5, 2.5, 4 };

	private AnisotropicPhase() {}

	/** @return {@code mask[x + n * (y + n * z)]}, 1 in the phase */
	static byte[] generate(final int n, final double fraction, final long seed) {
		float[] v = new float[n * n * n];
		final float[] noise = v;
		IntStream.range(0, n).parallel().forEach(z -> {
			final SplittableRandom random = new SplittableRandom(seed * 1_000_003L + z);
			for (int i = z * n * n, end = i + n * n; i < end; i++)
				noise[i] = (float) random.nextDouble();
		});
		for (int axis = 0; axis < 3; axis++)
			v = blur(v, n, axis, Gaussian.floatKernel(SIGMA[axis]));
		return threshold(v, fraction);
	}

	/** @return {@code v} blurred along {@code axis}, wrapping around */
	private static float[] blur(final float[] v, final int n, final int axis, final float[] kernel) {
		final float[] out = new float[v.length];
		final int stride = axis == 0 ? 1 : axis == 1 ? n : n * n, r = kernel.length / 2;
		IntStream.range(0, n).parallel().forEach(z -> {
			for (int y = 0; y < n; y++)
				for (int x = 0; x < n; x++) {
					final int i = x + n * (y + n * z);
					final int c = axis == 0 ? x : axis == 1 ? y : z;
					final int base = i - c * stride;
					float s = 0;
					for (int k = -r; k <= r; k++)
						s += kernel[k + r] * v[base + Math.floorMod(c + k, n) * stride];
					out[i] = s;
				}
		});
		return out;
	}

	/** @return 1 where {@code v} is among the top {@code fraction} of its values (by a 65536-bin histogram) */
	private static byte[] threshold(final float[] v, final double fraction) {
		float min = Float.MAX_VALUE, max = -Float.MAX_VALUE;
		for (final float f : v) {
			min = Math.min(min, f);
			max = Math.max(max, f);
		}
		final int bins = 1 << 16;
		final long[] histogram = new long[bins];
		final double scale = (bins - 1) / (double) (max - min);
		for (final float f : v)
			histogram[(int) ((f - min) * scale)]++;
		long above = 0;
		int bin = bins - 1;
		while (bin > 0 && above + histogram[bin] <= fraction * v.length)
			above += histogram[bin--];
		final int first = bin + 1;
		final byte[] mask = new byte[v.length];
		for (int i = 0; i < v.length; i++)
			if ((int) ((v[i] - min) * scale) >= first) mask[i] = 1;
		return mask;
	}
}
