package org.xrayseg.core.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
	/** The label slice each slice was read from (see {@link #load}). */
	private final int[] labelSlice;

	public LabelledSlices(final List<Slice> slices) {
		this(slices, LabelledSubset.identity(slices.size()));
	}

	private LabelledSlices(final List<Slice> slices, final int[] labelSlice) {
		this.slices = List.copyOf(slices);
		this.labelSlice = labelSlice;
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
		return load(images, LabelledSubset.identity(images.size()), labels, normalization, coding, 0, progress);
	}

	/**
	 * Reads, normalises and encodes the labelled slices of a volume; label slices
	 * that annotate no pixel are left out. With context, every slice gets the
	 * pixels of its {@code k} neighbours on each side in {@code volume} (clamped
	 * at its ends; neighbours need no labels), each read once.
	 *
	 * @param indices the slice of {@code volume} that each label slice belongs to
	 * @param k neighbouring slices on each side, or 0
	 */
	public static LabelledSlices load(final SliceSource volume, final int[] indices, final SliceSource labels,
		final Normalization normalization, final LabelCoding coding, final int k, final ProgressListener progress)
	{
		// a part of a volume (slices=) is normalised as the whole, and its neighbours are those of the whole
		final SliceSource whole = volume.whole();
		final Normalization.SourceMapping mapping = normalization.forSource(whole, progress);
		final Map<Integer, float[]> planes = new HashMap<>();
		final List<Slice> slices = new ArrayList<>();
		final List<Integer> kept = new ArrayList<>();
		for (int j = 0; j < indices.length; j++) {
			progress.checkCancelled();
			final int i = volume.indexInWhole(indices[j]);
			progress.update("Reading " + whole.describe(i), j, indices.length);
			final byte[] classes = coding.toClasses(labels.slice(j), labels.describe(j));
			if (!annotated(classes)) continue;
			final long[] d = whole.dimensions(i);
			final float[][] neighbours = new float[2 * k][];
			int at = 0;
			for (int n = -k; n <= k; n++) {
				if (n == 0) continue;
				final int z = Math.max(0, Math.min(whole.size() - 1, i + n));
				final long[] dz = whole.dimensions(z);
				if (dz[0] != d[0] || dz[1] != d[1]) throw new InvalidInputException("context_slices needs the slices " +
					"of one volume, but " + whole.describe(z) + " is " + dz[0] + "x" + dz[1] + " and " + whole.describe(i) +
					" " + d[0] + "x" + d[1] + ": use context_slices=0");
				neighbours[at++] = planes.computeIfAbsent(z, mapping::apply);
			}
			slices.add(new Slice(planes.computeIfAbsent(i, mapping::apply), classes, (int) d[0], (int) d[1], whole
				.describe(i), neighbours));
			kept.add(j);
		}
		if (slices.isEmpty()) throw new InvalidInputException("The labels in " + labels.name() +
			" annotate no pixel of any slice");
		return new LabelledSlices(slices, kept.stream().mapToInt(Integer::intValue).toArray());
	}

	/**
	 * @param groups groups of label slices (indices into the labels this was {@link #load loaded} from)
	 * @return the same groups as indices of the slices held here (slices that annotate nothing are not held)
	 */
	public List<List<Integer>> positionsOf(final List<List<Integer>> groups) {
		final List<List<Integer>> out = new ArrayList<>();
		for (final List<Integer> g : groups) {
			final List<Integer> positions = new ArrayList<>();
			for (int p = 0; p < labelSlice.length; p++)
				if (g.contains(labelSlice[p])) positions.add(p);
			if (!positions.isEmpty()) out.add(positions);
		}
		return out;
	}

	/** @return the share of the pixels of these slices that are annotated (1 for complete labels) */
	public double annotatedShare() {
		long annotated = 0;
		long all = 0;
		for (final Slice s : slices) {
			for (final byte c : s.classes())
				if (c >= 0) annotated++;
			all += s.classes().length;
		}
		return all == 0 ? 1 : annotated / (double) all;
	}

	/** @return whether some pixel of these slices is annotated with each of the {@code classes} phases */
	public boolean annotatesEvery(final int classes) {
		final boolean[] seen = new boolean[classes];
		int missing = classes;
		for (final Slice s : slices)
			for (final byte c : s.classes())
				if (c >= 0 && !seen[c]) {
					seen[c] = true;
					if (--missing == 0) return true;
				}
		return missing == 0;
	}

	private static boolean annotated(final byte[] classes) {
		for (final byte c : classes)
			if (c >= 0) return true;
		return false;
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

	/**
	 * The slices fold {@code f} of {@code k} holds out: the {@code f}-th of {@code k} contiguous slabs of every
	 * group of at least {@code k} slices; the slices of smaller groups go round the folds in turn, so that every
	 * fold holds out some slice when there are at least {@code k}.
	 *
	 * @param groups positions of the slices of each group of alike sources, in order
	 * @return positions of the held-out slices
	 */
	public List<Integer> foldPositions(final int f, final int k, final List<List<Integer>> groups) {
		final List<Integer> held = new ArrayList<>();
		int turn = 0;
		final java.util.Set<Integer> grouped = new java.util.HashSet<>();
		final List<List<Integer>> all = new ArrayList<>(groups);
		for (final List<Integer> g : groups)
			grouped.addAll(g);
		final List<Integer> rest = new ArrayList<>();
		for (int i = 0; i < slices.size(); i++)
			if (!grouped.contains(i)) rest.add(i);
		if (!rest.isEmpty()) all.add(rest);
		for (final List<Integer> g : all) {
			if (g.size() >= k) held.addAll(g.subList(f * g.size() / k, (f + 1) * g.size() / k));
			else for (final int p : g)
				if (turn++ % k == f) held.add(p);
		}
		return held;
	}

	/** @return {training, validation}: the last {@code fraction} of the slices as one slab (see {@link #splitSlabs}) */
	public LabelledSlices[] splitSlab(final double fraction) {
		return splitSlabs(fraction, List.of(java.util.stream.IntStream.range(0, slices.size()).boxed().toList()));
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
