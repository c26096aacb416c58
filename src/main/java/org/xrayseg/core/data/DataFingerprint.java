package org.xrayseg.core.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.xrayseg.core.choice.Auto;
import org.xrayseg.core.io.SliceSource;
import org.xrayseg.core.progress.ProgressListener;

/**
 * What the training data look like, read once before training: the sources
 * (each file of a folder, or a stack or HDF5 volume as a whole) with their
 * sizes and grey-value percentiles, the percentiles over all, the phases'
 * frequencies and grey values. Training derives its normalisation and its
 * validation split from it; the model stores it.
 *
 * @param sources one entry per source, in order
 * @param overall {0.5, 50, 99.5} percentiles of all training pixels
 * @param classFrequencies fraction of the labelled pixels in each phase, in class order
 * @param classGreyValues {5, 50, 95} percentiles of each phase's grey values, in class order
 */
public record DataFingerprint(List<Source> sources, double[] overall, double[] classFrequencies,
	double[][] classGreyValues)
{

	/**
	 * One source of training images.
	 *
	 * @param first index of its first slice in the training images
	 * @param slices how many slices it has
	 * @param low its 0.5 percentile
	 * @param median its median
	 * @param high its 99.5 percentile
	 */
	public record Source(String name, int first, int slices, long width, long height, double low, double median,
		double high)
	{

		/** @return true if this source's grey scale is unlike {@code otherLow .. otherHigh} (see {@link Normalization#unlike}) */
		public boolean unlike(final double otherLow, final double otherHigh) {
			return Normalization.unlike(low, high, otherLow, otherHigh);
		}

		long pixels() {
			return width * height * slices;
		}
	}

	/** Sources unlike the others must hold at least this part of the pixels to change the normalisation. */
	static final double FOREIGN_SHARE = 0.05;
	private static final int CLASS_SAMPLES = 200_000;

	/**
	 * Reads every slice of {@code images} and {@code labels} once.
	 *
	 * @param coding the phases of {@code labels}
	 */
	public static DataFingerprint of(final SliceSource images, final SliceSource labels, final LabelCoding coding,
		final ProgressListener progress)
	{
		final boolean filePerSlice = images.fileName(0) != null;
		long total = 0;
		for (int i = 0; i < images.size(); i++)
			total += images.dimensions(i)[0] * images.dimensions(i)[1];
		final int perSlice = (int) Math.max(1000, Normalization.SAMPLES * Math.min(1.0, (double) (images
			.dimensions(0)[0] * images.dimensions(0)[1]) / total));
		final List<Source> sources = new ArrayList<>();
		final List<float[]> all = new ArrayList<>();
		final long[] counts = new long[coding.classes()];
		final List<List<float[]>> perClass = new ArrayList<>();
		for (int c = 0; c < coding.classes(); c++)
			perClass.add(new ArrayList<>());
		List<float[]> source = new ArrayList<>();
		for (int i = 0; i < images.size(); i++) {
			progress.checkCancelled();
			progress.update("Reading " + images.describe(i), i, images.size());
			final float[] pixels = Normalization.finitePixels(images.slice(i), images.describe(i));
			final byte[] classes = coding.toClasses(labels.slice(i), labels.describe(i));
			addByClass(pixels, classes, counts, perClass, CLASS_SAMPLES / images.size() + 1);
			final float[] sample = Normalization.sample(pixels, perSlice);
			all.add(sample);
			source.add(sample);
			if (filePerSlice || i == images.size() - 1) {
				final long[] d = images.dimensions(i);
				final int first = filePerSlice ? i : 0;
				sources.add(stats(filePerSlice ? images.describe(i) : images.name(), first, i - first + 1, d, source));
				source = new ArrayList<>();
			}
		}
		final float[] merged = concat(all);
		final double[] range = Normalization.range(merged, images.name());
		final double[] overall = { range[0], Normalization.percentile(merged, 50), range[1] };
		final long labelled = Arrays.stream(counts).sum();
		final double[] frequencies = Arrays.stream(counts).mapToDouble(n -> (double) n / labelled).toArray();
		final double[][] grey = new double[coding.classes()][];
		for (int c = 0; c < grey.length; c++) {
			final float[] v = concat(perClass.get(c));
			grey[c] = v.length == 0 ? new double[] { Double.NaN, Double.NaN, Double.NaN } : new double[] { Normalization
				.percentile(v, 5), Normalization.percentile(v, 50), Normalization.percentile(v, 95) };
		}
		return new DataFingerprint(sources, overall, frequencies, grey);
	}

	private static Source stats(final String name, final int first, final int slices, final long[] size,
		final List<float[]> samples)
	{
		final float[] v = concat(samples);
		final double[] range = Normalization.range(v, name);
		return new Source(name, first, slices, size[0], size[1], range[0], Normalization.percentile(v, 50), range[1]);
	}

	private static void addByClass(final float[] pixels, final byte[] classes, final long[] counts,
		final List<List<float[]>> perClass, final int samples)
	{
		final int stride = Math.max(1, pixels.length / samples);
		final float[][] picked = new float[counts.length][pixels.length / stride + 1];
		final int[] n = new int[counts.length];
		for (int k = 0; k < pixels.length; k++) {
			if (classes[k] < 0) continue; // not annotated
			counts[classes[k]]++;
			if (k % stride == 0) picked[classes[k]][n[classes[k]]++] = pixels[k];
		}
		for (int c = 0; c < counts.length; c++)
			perClass.get(c).add(Arrays.copyOf(picked[c], n[c]));
	}

	private static float[] concat(final List<float[]> parts) {
		final float[] out = new float[parts.stream().mapToInt(p -> p.length).sum()];
		int at = 0;
		for (final float[] p : parts) {
			System.arraycopy(p, 0, out, at, p.length);
			at += p.length;
		}
		return out;
	}

	/**
	 * @return the groups of sources whose grey scales are alike, each a list of
	 *         source indices in order: the group of the largest source that holds
	 *         the median first
	 */
	public List<List<Integer>> groups() {
		final List<List<Integer>> groups = new ArrayList<>();
		final List<Source> references = new ArrayList<>();
		for (final int s : byReference()) {
			final Source src = sources.get(s);
			int g = 0;
			while (g < references.size() && references.get(g).unlike(src.low(), src.high()))
				g++;
			if (g == groups.size()) {
				groups.add(new ArrayList<>());
				references.add(src);
			}
			groups.get(g).add(s);
		}
		for (final List<Integer> g : groups)
			g.sort(Integer::compare);
		return groups;
	}

	/** @return source indices, the reference first: the largest source whose range holds the overall median */
	private List<Integer> byReference() {
		int reference = 0;
		for (int s = 0; s < sources.size(); s++) {
			final Source a = sources.get(s);
			final Source r = sources.get(reference);
			final boolean holds = a.low() <= overall[1] && overall[1] <= a.high();
			final boolean refHolds = r.low() <= overall[1] && overall[1] <= r.high();
			if (holds && (!refHolds || a.pixels() > r.pixels())) reference = s;
		}
		final List<Integer> order = new ArrayList<>(List.of(reference));
		for (int s = 0; s < sources.size(); s++)
			if (s != reference) order.add(s);
		return order;
	}

	/**
	 * @param requested "auto", "global" or "per_image"
	 * @return the normalisation to train with, and in {@link #reason()} terms why
	 */
	public Normalization normalization(final String requested) {
		final Normalization.Mode mode = Auto.KEY.equals(requested) ? foreignShare() >= FOREIGN_SHARE
			? Normalization.Mode.PER_IMAGE : Normalization.Mode.GLOBAL : Normalization.Mode.of(requested);
		return new Normalization(mode, overall[0], overall[2]);
	}

	/** @return the part of the pixels in sources whose grey scales are unlike the reference group's */
	double foreignShare() {
		final List<List<Integer>> groups = groups();
		long foreign = 0;
		long all = 0;
		for (int g = 0; g < groups.size(); g++)
			for (final int s : groups.get(g)) {
				all += sources.get(s).pixels();
				if (g > 0) foreign += sources.get(s).pixels();
			}
		return (double) foreign / all;
	}

	/** @return one line saying why {@code normalization} was chosen for these data */
	public String reason(final String requested, final Normalization normalization) {
		if (!Auto.KEY.equals(requested)) return "normalisation=" + requested + " as asked";
		final List<List<Integer>> groups = groups();
		if (groups.size() == 1) return "global: the grey scales of all " + sources.size() + " source(s) agree";
		final Source a = sources.get(groups.get(0).get(0));
		final Source b = sources.get(groups.get(1).get(0));
		return String.format(Locale.ROOT, "%s: %d groups of sources with unlike grey scales (%.0f%% of the pixels " +
			"outside the largest), e.g. %s %.4g..%.4g and %s %.4g..%.4g", normalization.mode().key(), groups.size(),
			100 * foreignShare(), a.name(), a.low(), a.high(), b.name(), b.low(), b.high());
	}

	/** @return a few lines for the log: sizes, grey values, phases */
	public List<String> describe(final LabelCoding coding) {
		final List<String> lines = new ArrayList<>();
		lines.add(String.format(Locale.ROOT, "Data: %d source(s); grey values 0.5/50/99.5%% %.4g / %.4g / %.4g",
			sources.size(), overall[0], overall[1], overall[2]));
		final int shown = Math.min(sources.size(), 6);
		for (int s = 0; s < shown; s++) {
			final Source src = sources.get(s);
			lines.add(String.format(Locale.ROOT, "  %s: %d slice(s) of %dx%d, grey %.4g .. %.4g (median %.4g)", src
				.name(), src.slices(), src.width(), src.height(), src.low(), src.high(), src.median()));
		}
		if (sources.size() > shown) lines.add("  ... and " + (sources.size() - shown) + " more sources");
		final StringBuilder phases = new StringBuilder("Phases:");
		for (int c = 0; c < classFrequencies.length; c++)
			phases.append(String.format(Locale.ROOT, "%s %s %.1f%% (grey %.4g / %.4g / %.4g)", c == 0 ? "" : ";",
				coding.name(c), 100 * classFrequencies[c], classGreyValues[c][0], classGreyValues[c][1],
				classGreyValues[c][2]));
		lines.add(phases.toString());
		return lines;
	}
}
