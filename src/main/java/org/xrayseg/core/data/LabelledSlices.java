package org.xrayseg.core.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import org.xrayseg.core.error.InvalidInputException;
import org.xrayseg.core.io.SliceSource;
import org.xrayseg.core.progress.ProgressListener;

/**
 * Labelled slices held in memory for training or validation: normalised grey
 * values and class indices, both row-major (H, W).
 */
public final class LabelledSlices {

	/**
	 * One labelled 2D slice, with the normalised pixels of its neighbours when
	 * the network sees context (2.5D).
	 *
	 * @param neighbours the planes of slices z-k .. z-1, z+1 .. z+k (none without context)
	 */
	public record Slice(float[] pixels, byte[] classes, int width, int height, String name, float[][] neighbours) {

		/** A slice without context. */
		public Slice(final float[] pixels, final byte[] classes, final int width, final int height, final String name) {
			this(pixels, classes, width, height, name, new float[0][]);
		}

		/** @return the input channels: the slice and its neighbours */
		public int channels() {
			return 1 + neighbours.length;
		}

		/** @return input channel {@code c}: slices z-k .. z+k in order, this slice in the middle */
		public float[] channel(final int c) {
			final int k = neighbours.length / 2;
			return c == k ? pixels : neighbours[c < k ? c : c - 1];
		}

		/** @return rows {@code from} (inclusive) to {@code to} (exclusive) of this slice */
		public Slice rows(final int from, final int to) {
			final float[][] n = new float[neighbours.length][];
			for (int i = 0; i < n.length; i++)
				n[i] = Arrays.copyOfRange(neighbours[i], from * width, to * width);
			return new Slice(Arrays.copyOfRange(pixels, from * width, to * width), Arrays.copyOfRange(classes, from *
				width, to * width), width, to - from, name + " rows " + (from + 1) + "-" + to, n);
		}
	}

	private final List<Slice> slices;

	public LabelledSlices(final List<Slice> slices) {
		this.slices = List.copyOf(slices);
	}

	/**
	 * Reads, normalises and encodes all slices of {@code images} and {@code labels}.
	 *
	 * @throws org.xrayseg.core.error.InvalidInputException if they do not pair up
	 *           or a label value is not in {@code coding}
	 */
	public static LabelledSlices load(final SliceSource images, final SliceSource labels,
		final Normalization normalization, final LabelCoding coding, final ProgressListener progress)
	{
		SlicePairs.check(images, labels);
		final Normalization.SourceMapping mapping = normalization.forSource(images, progress);
		final List<Slice> slices = new ArrayList<>();
		for (int i = 0; i < images.size(); i++) {
			progress.checkCancelled();
			progress.update("Reading " + images.describe(i), i, images.size());
			final long[] d = images.dimensions(i);
			final float[] pixels = mapping.apply(i);
			final byte[] classes = coding.toClasses(labels.slice(i), labels.describe(i));
			slices.add(new Slice(pixels, classes, (int) d[0], (int) d[1], images.describe(i)));
		}
		return new LabelledSlices(slices);
	}

	/**
	 * Splits contiguous slabs off for validation: the last {@code fraction} of
	 * the slices of each group (at least one of each group of two or more, and
	 * at least one in all), or, for a single slice, the last {@code fraction}
	 * of its rows. Neighbouring slices are nearly identical, so a random split
	 * would validate on training data; one slab per group keeps every kind of
	 * image in both parts.
	 *
	 * @param groups slice indices of each group of alike sources, in order
	 * @return {training, validation}
	 */
	public LabelledSlices[] splitSlabs(final double fraction, final List<List<Integer>> groups) {
		if (slices.size() < 2) {
			final Slice only = slices.get(0);
			final int validationRows = Math.max(1, (int) Math.round(only.height() * fraction));
			final int cut = only.height() - validationRows;
			return new LabelledSlices[] { new LabelledSlices(List.of(only.rows(0, cut))), new LabelledSlices(List.of(only
				.rows(cut, only.height()))) };
		}
		final java.util.Set<Integer> held = new java.util.TreeSet<>();
		for (final List<Integer> g : groups)
			if (g.size() >= 2) held.addAll(g.subList(g.size() - Math.max(1, Math.min(g.size() - 1, (int) Math.round(g
				.size() * fraction))), g.size()));
		if (held.isEmpty()) held.add(slices.size() - 1);
		final List<Slice> training = new ArrayList<>();
		final List<Slice> validation = new ArrayList<>();
		for (int i = 0; i < slices.size(); i++)
			(held.contains(i) ? validation : training).add(slices.get(i));
		return new LabelledSlices[] { new LabelledSlices(training), new LabelledSlices(validation) };
	}

	/** @return {training, validation}: the last {@code fraction} of the slices as one slab (see {@link #splitSlabs}) */
	public LabelledSlices[] splitSlab(final double fraction) {
		return splitSlabs(fraction, List.of(java.util.stream.IntStream.range(0, slices.size()).boxed().toList()));
	}

	/**
	 * @param k neighbouring slices on each side (clamped at the ends)
	 * @return these slices, each with the pixels of its {@code k} neighbours on either side
	 * @throws InvalidInputException if the slices differ in size (context needs one volume)
	 */
	public LabelledSlices withContext(final int k) {
		if (k == 0) return this;
		final Slice first = slices.get(0);
		for (final Slice s : slices)
			if (s.width() != first.width() || s.height() != first.height()) throw new InvalidInputException(
				"context_slices needs the slices of one volume, but " + s.name() + " is " + s.width() + "x" + s.height() +
					" and " + first.name() + " " + first.width() + "x" + first.height() + ": use context_slices=0");
		final List<Slice> out = new ArrayList<>();
		for (int i = 0; i < slices.size(); i++) {
			final float[][] n = new float[2 * k][];
			int at = 0;
			for (int d = -k; d <= k; d++)
				if (d != 0) n[at++] = slices.get(Math.max(0, Math.min(slices.size() - 1, i + d))).pixels();
			final Slice s = slices.get(i);
			out.add(new Slice(s.pixels(), s.classes(), s.width(), s.height(), s.name(), n));
		}
		return new LabelledSlices(out);
	}

	public int size() {
		return slices.size();
	}

	public Slice get(final int i) {
		return slices.get(i);
	}

	public List<Slice> slices() {
		return Collections.unmodifiableList(slices);
	}

	/** @return the smallest width and height over all slices */
	public int[] minimumSize() {
		int w = Integer.MAX_VALUE;
		int h = Integer.MAX_VALUE;
		for (final Slice s : slices) {
			w = Math.min(w, s.width());
			h = Math.min(h, s.height());
		}
		return new int[] { w, h };
	}

	/** @return the name of the first and last slice, e.g. "images/a.tif .. images/f.tif" */
	public String describe() {
		return slices.size() == 1 ? slices.get(0).name() : slices.get(0).name() + " .. " + slices.get(slices
			.size() - 1).name() + " (" + slices.size() + " slices)";
	}
}
