package org.xrayseg.core.data;

import java.util.Arrays;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

import org.xrayseg.core.convert.Pixels;
import org.xrayseg.core.error.InvalidInputException;
import org.xrayseg.core.io.SliceSource;
import org.xrayseg.core.progress.ProgressListener;

/**
 * Maps grey values linearly so that the robust low and high percentiles of the
 * training images become 0 and 1. Fitted once on the training images, stored
 * in the model and applied unchanged at inference, so that a model sees the
 * same value range on new data of the same instrument.
 */
public final class Normalization {

	/** Percentiles of the training pixels mapped to 0 and 1. */
	public static final double LOW_PERCENTILE = 0.5;
	public static final double HIGH_PERCENTILE = 99.5;
	private static final int MAX_SAMPLES = 2_000_000;

	private final double low;
	private final double high;

	public Normalization(final double low, final double high) {
		if (!(high > low)) throw new IllegalArgumentException("high must exceed low");
		this.low = low;
		this.high = high;
	}

	/**
	 * Fits the percentiles on a sample of the pixels of every slice.
	 *
	 * @throws InvalidInputException if the images hold NaN/infinite values or are constant
	 */
	public static Normalization fit(final SliceSource images, final ProgressListener progress) {
		long total = 0;
		for (int i = 0; i < images.size(); i++) {
			final long[] d = images.dimensions(i);
			total += d[0] * d[1];
		}
		final int stride = (int) Math.max(1, total / MAX_SAMPLES);
		final float[] samples = new float[(int) Math.min(total, (long) MAX_SAMPLES + images.size())];
		int n = 0;
		for (int i = 0; i < images.size(); i++) {
			progress.checkCancelled();
			progress.update("Reading " + images.describe(i), i, images.size());
			final float[] pixels = finitePixels(images.slice(i), images.describe(i));
			for (int k = 0; k < pixels.length && n < samples.length; k += stride)
				samples[n++] = pixels[k];
		}
		final float[] sorted = Arrays.copyOf(samples, n);
		Arrays.sort(sorted);
		final double lo = percentile(sorted, LOW_PERCENTILE);
		double hi = percentile(sorted, HIGH_PERCENTILE);
		if (!(hi > lo)) hi = sorted[sorted.length - 1];
		if (!(hi > lo)) throw new InvalidInputException("The images in " + images.name() +
			" are constant (every pixel is " + lo + "): there is nothing to learn from");
		return new Normalization(lo, hi);
	}

	private static double percentile(final float[] sorted, final double p) {
		final double pos = p / 100 * (sorted.length - 1);
		final int i = (int) Math.floor(pos);
		final int j = Math.min(i + 1, sorted.length - 1);
		return sorted[i] + (pos - i) * (sorted[j] - sorted[i]);
	}

	/**
	 * @return the pixels of {@code slice}, row-major, as float
	 * @throws InvalidInputException naming {@code what} if a pixel is NaN or infinite
	 */
	public static float[] finitePixels(final RandomAccessibleInterval<? extends RealType<?>> slice,
		final String what)
	{
		final float[] pixels = Pixels.toFloats(slice);
		for (int k = 0; k < pixels.length; k++)
			if (!Float.isFinite(pixels[k])) throw new InvalidInputException(what + " holds a " + (Float.isNaN(
				pixels[k]) ? "NaN" : "infinite") + " value at x=" + k % slice.dimension(0) + ", y=" + k / slice
					.dimension(0) + ": replace such pixels first");
		return pixels;
	}

	/** @return the normalised pixels of {@code slice}, row-major: the (H, W) plane of an NCHW tensor */
	public float[] apply(final RandomAccessibleInterval<? extends RealType<?>> slice, final String what) {
		final float[] pixels = finitePixels(slice, what);
		applyInPlace(pixels);
		return pixels;
	}

	/** Normalises raw grey values in place. */
	public void applyInPlace(final float[] pixels) {
		final float scale = (float) (1.0 / (high - low));
		final float offset = (float) low;
		for (int k = 0; k < pixels.length; k++)
			pixels[k] = (pixels[k] - offset) * scale;
	}

	public double low() {
		return low;
	}

	public double high() {
		return high;
	}
}
