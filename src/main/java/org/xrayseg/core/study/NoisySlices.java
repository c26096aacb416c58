package org.xrayseg.core.study;

import java.util.Random;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.RealType;

import org.xrayseg.core.convert.Pixels;
import org.xrayseg.core.io.SliceSource;

/**
 * Test slices with added noise, reproducible per slice from a seed. Level 0
 * hands out the original slices unchanged.
 * <ul>
 * <li>Gaussian: standard deviation = level x (grey range of the model's
 * normalisation: its 99.5th minus 0.5th percentile).</li>
 * <li>Poisson: photon counting noise whose relative standard deviation at the
 * mean grey value of the slice is the level: counts = grey x scale, scale =
 * 1 / (level^2 mean), then back to grey units.</li>
 * </ul>
 */
final class NoisySlices implements SliceSource {

	enum Noise {
		GAUSSIAN, POISSON;

		String key() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}
	}

	private final SliceSource base;
	private final Noise noise;
	private final double level;
	private final double greyRange;
	private final long seed;

	NoisySlices(final SliceSource base, final Noise noise, final double level, final double greyRange,
		final long seed)
	{
		this.base = base;
		this.noise = noise;
		this.level = level;
		this.greyRange = greyRange;
		this.seed = seed;
	}

	@Override
	public int size() {
		return base.size();
	}

	@Override
	public long[] dimensions(final int index) {
		return base.dimensions(index);
	}

	@Override
	public RandomAccessibleInterval<? extends RealType<?>> slice(final int index) {
		final RandomAccessibleInterval<? extends RealType<?>> clean = base.slice(index);
		if (level == 0) return clean;
		final float[] v = Pixels.toFloats(clean);
		final Random random = new Random(seed * 1_000_003L + index);
		if (noise == Noise.GAUSSIAN) {
			final double sigma = level * greyRange;
			for (int i = 0; i < v.length; i++)
				v[i] += (float) (sigma * random.nextGaussian());
		}
		else {
			double mean = 0;
			for (final float x : v)
				mean += x;
			mean = Math.max(1e-6, mean / v.length);
			final double scale = 1 / (level * level * mean);
			for (int i = 0; i < v.length; i++)
				v[i] = (float) (poisson(Math.max(0, v[i]) * scale, random) / scale);
		}
		return ArrayImgs.floats(v, clean.dimension(0), clean.dimension(1));
	}

	/** Poisson deviate: exact (Knuth) for small means, normal approximation for large ones. */
	private static double poisson(final double mean, final Random random) {
		if (mean > 50) return Math.max(0, Math.round(mean + Math.sqrt(mean) * random.nextGaussian()));
		final double limit = Math.exp(-mean);
		int k = 0;
		double p = random.nextDouble();
		while (p > limit) {
			k++;
			p *= random.nextDouble();
		}
		return k;
	}

	@Override
	public String describe(final int index) {
		return base.describe(index);
	}

	@Override
	public String name() {
		return base.name() + " with " + noise.key() + " noise " + level;
	}
}
