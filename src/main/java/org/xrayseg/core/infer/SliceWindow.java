package org.xrayseg.core.infer;

import java.util.Map;
import java.util.TreeMap;

import org.xrayseg.core.data.Normalization;
import org.xrayseg.core.error.InvalidInputException;
import org.xrayseg.core.io.SliceSource;

/**
 * The normalised slices a network sees for one slice of a volume: the slice
 * and its {@code k} neighbours on each side (clamped at the ends), read and
 * normalised once each while the window moves through the volume in order;
 * memory holds 2k + 1 slices.
 */
final class SliceWindow {

	private final SliceSource source;
	private final Normalization.SourceMapping mapping;
	private final int k;
	private final Map<Integer, float[]> cache = new TreeMap<>();

	SliceWindow(final SliceSource source, final Normalization.SourceMapping mapping, final int k) {
		this.source = source;
		this.mapping = mapping;
		this.k = k;
	}

	/** @return the input channels of slice {@code i}: slices i-k .. i+k, normalised, row-major (H, W) */
	float[][] channels(final int i) {
		cache.keySet().removeIf(j -> j < i - k);
		final float[][] out = new float[2 * k + 1][];
		for (int d = -k; d <= k; d++) {
			final int j = Math.max(0, Math.min(source.size() - 1, i + d));
			out[d + k] = cache.computeIfAbsent(j, this::read);
		}
		return out;
	}

	private float[] read(final int j) {
		if (k > 0) {
			final long[] a = source.dimensions(j);
			final long[] b = source.dimensions(0);
			if (a[0] != b[0] || a[1] != b[1]) throw new InvalidInputException("This model sees neighbouring slices, " +
				"so the slices must be of one volume, but " + source.describe(j) + " is " + a[0] + "x" + a[1] + " and " +
				source.describe(0) + " " + b[0] + "x" + b[1]);
		}
		return mapping.apply(j);
	}
}
