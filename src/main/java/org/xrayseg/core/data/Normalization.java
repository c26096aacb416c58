package org.xrayseg.core.data;

import java.util.Locale;
import java.util.stream.IntStream;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.IntegerType;
import net.imglib2.type.numeric.RealType;

import org.xrayseg.core.error.InvalidInputException;
import org.xrayseg.core.io.SliceSource;
import org.xrayseg.core.progress.ProgressListener;

/**
 * Maps grey values linearly so that robust low and high percentiles (0.5 and
 * 99.5) become 0 and 1. Two modes, chosen from the data's fingerprint and
 * stored in the model:
 * <ul>
 * <li>{@link Mode#GLOBAL}: one mapping fitted on all training images and
 * applied unchanged at inference, for calibrated scans of one instrument;</li>
 * <li>{@link Mode#PER_IMAGE}: every source is mapped by its own percentiles (a
 * file of a folder by itself, a stack or HDF5 volume as a whole), at training
 * and at inference, for images whose grey scales differ.</li>
 * </ul>
 * {@link #low()} and {@link #high()} are the training images' percentiles in
 * both modes (the reference against which inputs are checked).
 */
public final class Normalization {

	/** How grey values are mapped. */
	public enum Mode {
		GLOBAL, PER_IMAGE;

		/** @return the key's value, e.g. "per_image" */
		public String key() {
			return name().toLowerCase(Locale.ROOT);
		}

		/** @param key "global" or "per_image" (null: global, as in models of earlier versions) */
		public static Mode of(final String key) {
			return key == null ? GLOBAL : valueOf(key.toUpperCase(Locale.ROOT));
		}
	}

	/** Percentiles of the pixels mapped to 0 and 1. */
	public static final double LOW_PERCENTILE = 0.5;
	public static final double HIGH_PERCENTILE = 99.5;
	/** Pixels sampled per slice or volume to find its percentiles. */
	static final int SAMPLES = 2_000_000;
	/** Slices of a volume read to find its percentiles at inference. */
	private static final int VOLUME_SAMPLE_SLICES = 16;

	private final Mode mode;
	private final double low;
	private final double high;

	public Normalization(final double low, final double high) {
		this(Mode.GLOBAL, low, high);
	}

	public Normalization(final Mode mode, final double low, final double high) {
		if (!(high > low)) throw new IllegalArgumentException("high must exceed low");
		this.mode = mode;
		this.low = low;
		this.high = high;
	}

	/** Maps the slices of one source. */
	public interface SourceMapping {

		/** @return the normalised pixels of slice {@code index} of the source, row-major (H, W) */
		float[] apply(int index);
	}

	/**
	 * @return the mapping of {@code source}: this normalisation, or in
	 *         {@link Mode#PER_IMAGE} the source's own percentiles (each file of
	 *         a folder by itself; a volume from up to 16 of its slices)
	 */
	public SourceMapping forSource(final SliceSource source, final ProgressListener progress) {
		if (mode == Mode.GLOBAL) return i -> apply(source.slice(i), source.describe(i));
		if (source.fileName(0) != null) return i -> {
			final float[] pixels = finitePixels(source.slice(i), source.describe(i));
			// a copy: the pixels must stay in place
			final double[] range = range(pixels.clone(), source.describe(i));
			new Normalization(range[0], range[1]).applyInPlace(pixels);
			return pixels;
		};
		final Normalization volume = ofVolume(source, progress);
		return i -> volume.apply(source.slice(i), source.describe(i));
	}

	/** @return the global mapping fitted on up to 16 slices spread over {@code source} */
	private static Normalization ofVolume(final SliceSource source, final ProgressListener progress) {
		final int n = Math.min(VOLUME_SAMPLE_SLICES, source.size());
		final float[][] samples = new float[n][];
		int total = 0;
		for (int k = 0; k < n; k++) {
			progress.checkCancelled();
			final int i = (int) ((long) k * source.size() / n);
			samples[k] = sample(finitePixels(source.slice(i), source.describe(i)), SAMPLES / n);
			total += samples[k].length;
		}
		final float[] all = new float[total];
		int at = 0;
		for (final float[] s : samples) {
			System.arraycopy(s, 0, all, at, s.length);
			at += s.length;
		}
		final double[] range = range(all, source.name());
		return new Normalization(range[0], range[1]);
	}

	/**
	 * @return {low, high}: the {@link #LOW_PERCENTILE} and {@link #HIGH_PERCENTILE} percentiles of {@code values},
	 *         found in linear time (the array is reordered); where most values are equal, so that the
	 *         percentiles are too, the range widens to the largest value, and then to the smallest
	 * @throws InvalidInputException naming {@code what} if every value is the same
	 */
	static double[] range(final float[] values, final String what) {
		double lo = percentile(values, LOW_PERCENTILE);
		double hi = percentile(values, HIGH_PERCENTILE);
		if (!(hi > lo)) hi = max(values);
		if (!(hi > lo)) lo = min(values);
		if (!(hi > lo)) throw new InvalidInputException("The images in " + what + " are constant (every pixel is " +
			lo + "): there is nothing to learn from");
		return new double[] { lo, hi };
	}

	private static float max(final float[] values) {
		float max = values[0];
		for (final float v : values)
			max = Math.max(max, v);
		return max;
	}

	private static float min(final float[] values) {
		float min = values[0];
		for (final float v : values)
			min = Math.min(min, v);
		return min;
	}

	/** @return the {0.5, 50, 99.5} percentiles of grey values, from at most {@link #SAMPLES} evenly spaced ones ({@code values} unchanged) */
	public static double[] lowMedianHigh(final float[] values) {
		final float[] v = sample(values, SAMPLES);
		return new double[] { percentile(v, LOW_PERCENTILE), percentile(v, 50), percentile(v, HIGH_PERCENTILE) };
	}

	/**
	 * @return the 0.5 and 99.5 percentiles of the grey values of {@code slice}, from at most {@code samples}
	 *         evenly spaced pixels (may be equal)
	 */
	public static double[] percentiles(final RandomAccessibleInterval<? extends RealType<?>> slice, final String what,
		final int samples)
	{
		final float[] v = sample(finitePixels(slice, what), samples);
		return new double[] { percentile(v, LOW_PERCENTILE), percentile(v, HIGH_PERCENTILE) };
	}

	/**
	 * @return the {@code p}-th percentile of {@code values}, interpolated linearly between the two order
	 *         statistics about it, as in the sorted values; found by selection, in linear time (the values are
	 *         reordered)
	 */
	static double percentile(final float[] values, final double p) {
		final double pos = p / 100 * (values.length - 1);
		final int i = (int) Math.floor(pos);
		final int j = Math.min(i + 1, values.length - 1);
		final float a = select(values, i);
		final float b = select(values, j);
		return a + (pos - i) * (b - a);
	}

	/**
	 * @return the k-th smallest of {@code a} (0-based), as {@code Arrays.sort} would place it; {@code a} is
	 *         reordered (quickselect with three-way partitions, so that many equal values cost nothing)
	 */
	static float select(final float[] a, final int k) {
		int from = 0;
		int to = a.length;
		while (to - from > 1) {
			final float x = a[from];
			final float y = a[(from + to) >>> 1];
			final float z = a[to - 1];
			final float pivot = Math.max(Math.min(x, y), Math.min(Math.max(x, y), z));
			int lt = from;
			int gt = to;
			for (int i = from; i < gt;) {
				final float v = a[i];
				if (v < pivot) {
					a[i++] = a[lt];
					a[lt++] = v;
				}
				else if (v > pivot) {
					a[i] = a[--gt];
					a[gt] = v;
				}
				else i++;
			}
			if (k < lt) to = lt;
			else if (k >= gt) from = gt;
			else return pivot;
		}
		return a[from];
	}

	/**
	 * @return true if two grey ranges are unlike: they do not overlap, and one is
	 *         more than 10 times wider than the other or the gap between them is
	 *         wider than either (two instruments or calibrations, not two slices
	 *         of one scan)
	 */
	public static boolean unlike(final double lowA, final double highA, final double lowB, final double highB) {
		if (lowA <= highB && lowB <= highA) return false;
		final double a = highA - lowA;
		final double b = highB - lowB;
		final double gap = Math.max(lowB - highA, lowA - highB);
		return Math.max(a, b) > 10 * Math.min(a, b) || gap > Math.max(a, b);
	}

	/** @return at most {@code max} values of {@code pixels}, evenly strided (a new array) */
	static float[] sample(final float[] pixels, final int max) {
		final int stride = Math.max(1, pixels.length / Math.max(1, max));
		final float[] out = new float[(pixels.length + stride - 1) / stride];
		for (int k = 0, n = 0; k < pixels.length; k += stride)
			out[n++] = pixels[k];
		return out;
	}

	/**
	 * @return the pixels of {@code slice}, row-major, as float
	 * @throws InvalidInputException naming {@code what} if a pixel is NaN or infinite
	 */
	public static float[] finitePixels(final RandomAccessibleInterval<? extends RealType<?>> slice,
		final String what)
	{
		final float[] pixels = org.xrayseg.core.convert.Pixels.toFloats(slice);
		if (slice.getType() instanceof IntegerType) return pixels; // every integer is a finite float
		for (int k = 0; k < pixels.length; k++)
			if (!Float.isFinite(pixels[k])) throw new InvalidInputException(what + " holds a " + (Float.isNaN(
				pixels[k]) ? "NaN" : "infinite") + " value at x=" + k % slice.dimension(0) + ", y=" + k / slice
					.dimension(0) + ": replace such pixels first");
		return pixels;
	}

	/** @return the pixels of {@code slice} mapped by {@link #low()} and {@link #high()}, row-major */
	public float[] apply(final RandomAccessibleInterval<? extends RealType<?>> slice, final String what) {
		final float[] pixels = finitePixels(slice, what);
		applyInPlace(pixels);
		return pixels;
	}

	/** Maps raw grey values in place by {@link #low()} and {@link #high()} (in parallel parts). */
	public void applyInPlace(final float[] pixels) {
		final float scale = (float) (1.0 / (high - low));
		final float offset = (float) low;
		final int part = 1 << 16;
		IntStream.range(0, (pixels.length + part - 1) / part).parallel().forEach(p -> {
			for (int k = p * part; k < Math.min(pixels.length, (p + 1) * part); k++)
				pixels[k] = (pixels[k] - offset) * scale;
		});
	}

	public Mode mode() {
		return mode;
	}

	public double low() {
		return low;
	}

	public double high() {
		return high;
	}

	/** @return e.g. "per_image (training grey range 0.02 .. 2.91)" */
	public String describe() {
		return String.format(Locale.ROOT, "%s (training grey range %.4g .. %.4g)", mode.key(), low, high);
	}
}
