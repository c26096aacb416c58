package org.xrayseg.core.data;

import java.util.Locale;

import org.xrayseg.core.choice.Auto;
import org.xrayseg.core.convert.Pixels;
import org.xrayseg.core.io.SliceSource;

/**
 * Whether a network should see the neighbouring slices of each slice (2.5D)
 * when the user leaves it to the data ({@code context_slices=auto}): one
 * neighbour on each side when the images are slices of a volume, that is at
 * least three slices of one size whose neighbours look alike (their grey
 * values correlate by 0.8 or more: 0.99 for neighbouring SOC slices, 0.88 for
 * the synthetic volume's, but 0.56-0.71 for slices 4 or 10 apart, which a
 * folder of every 10th slice would hold); none for single images, slices of
 * several sizes, a folder of unrelated or widely spaced slices.
 */
public final class ContextChoice {

	/** The user's value that leaves the choice to the data. */
	public static final int AUTO = Auto.NUMBER;
	/** Neighbours on each side chosen for a volume. */
	static final int VOLUME_CONTEXT = 1;
	/** Mean correlation of neighbouring slices from which they count as one volume. */
	static final double MIN_CORRELATION = 0.8;
	private static final int PAIRS = 8;
	private static final int PIXELS_PER_PAIR = 1 << 16;

	private ContextChoice() {}

	/**
	 * How many neighbouring slices on each side a network sees, and why.
	 *
	 * @param slices neighbouring slices on each side (2.5D), 0 for none
	 * @param reason e.g. "Context: none (2D): fewer than 3 slices"
	 */
	public record Chosen(int slices, String reason) {}

	/**
	 * @param given the user's value, or {@link #AUTO}
	 * @param validation the held-out images given by the user, or null
	 * @return {@code given}, or for {@link #AUTO} the context chosen from {@code images}; and why
	 */
	static Chosen resolve(final int given, final SliceSource images, final SliceSource validation) {
		if (given != AUTO) return new Chosen(given, given == 0 ? "Context: none (2D), as given" : "Context: " +
			given + " slice" + (given == 1 ? "" : "s") + " on each side (2.5D), as given");
		final String why = whyNot(images, validation);
		if (why != null) return new Chosen(0, "Context: none (2D): " + why);
		final double r = neighbourCorrelation(images);
		if (r < MIN_CORRELATION) return new Chosen(0, String.format(Locale.ROOT, "Context: none (2D): neighbouring " +
			"slices are unlike each other (correlation %.2f), so they are not read as one volume", r));
		return new Chosen(VOLUME_CONTEXT, String.format(Locale.ROOT, "Context: %d slice on each side (2.5D): the " +
			"images are slices of a volume (neighbours correlate %.2f); context_slices=0 turns it off", VOLUME_CONTEXT,
			r));
	}

	/** @return why the images are no volume, or null if they may be */
	private static String whyNot(final SliceSource images, final SliceSource validation) {
		if (images.size() < 3) return "fewer than 3 slices";
		final String sizes = differentSize(images, images);
		if (sizes != null) return sizes;
		return validation == null ? null : differentSize(validation, images);
	}

	private static String differentSize(final SliceSource source, final SliceSource reference) {
		final long[] first = reference.dimensions(0);
		for (int i = 0; i < source.size(); i++) {
			final long[] d = source.dimensions(i);
			if (d[0] != first[0] || d[1] != first[1]) return "the slices differ in size (" + source.describe(i) +
				" is " + d[0] + "x" + d[1] + ", " + reference.describe(0) + " " + first[0] + "x" + first[1] + ")";
		}
		return null;
	}

	/** @return the mean correlation of up to {@link #PAIRS} pairs of neighbouring slices, spread over the images */
	static double neighbourCorrelation(final SliceSource images) {
		final int pairs = Math.min(PAIRS, images.size() - 1);
		double sum = 0;
		for (int p = 0; p < pairs; p++) {
			final int i = (int) ((long) p * (images.size() - 1) / pairs);
			sum += correlation(Pixels.toFloats(images.slice(i)), Pixels.toFloats(images.slice(i + 1)));
		}
		return sum / pairs;
	}

	/** @return Pearson's correlation of two planes (0 if either is constant), from up to 65536 pixels */
	static double correlation(final float[] a, final float[] b) {
		final int step = Math.max(1, a.length / PIXELS_PER_PAIR);
		double sa = 0;
		double sb = 0;
		int n = 0;
		for (int i = 0; i < a.length; i += step, n++) {
			sa += a[i];
			sb += b[i];
		}
		final double ma = sa / n;
		final double mb = sb / n;
		double ab = 0;
		double aa = 0;
		double bb = 0;
		for (int i = 0; i < a.length; i += step) {
			final double x = a[i] - ma;
			final double y = b[i] - mb;
			ab += x * y;
			aa += x * x;
			bb += y * y;
		}
		return aa > 0 && bb > 0 ? ab / Math.sqrt(aa * bb) : 0;
	}
}
