package org.xrayseg.core.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.xrayseg.core.io.SliceSource;
import org.xrayseg.core.progress.ProgressListener;

/**
 * Labelled slices held in memory for training or validation: normalised grey
 * values and class indices, both row-major (H, W).
 */
public final class LabelledSlices {

	/** One labelled 2D slice. */
	public record Slice(float[] pixels, byte[] classes, int width, int height, String name) {

		/** @return rows {@code from} (inclusive) to {@code to} (exclusive) of this slice */
		public Slice rows(final int from, final int to) {
			final float[] p = java.util.Arrays.copyOfRange(pixels, from * width, to * width);
			final byte[] c = java.util.Arrays.copyOfRange(classes, from * width, to * width);
			return new Slice(p, c, width, to - from, name + " rows " + (from + 1) + "-" + to);
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
		final List<Slice> slices = new ArrayList<>();
		for (int i = 0; i < images.size(); i++) {
			progress.checkCancelled();
			progress.update("Reading " + images.describe(i), i, images.size());
			final long[] d = images.dimensions(i);
			final float[] pixels = normalization.apply(images.slice(i), images.describe(i));
			final byte[] classes = coding.toClasses(labels.slice(i), labels.describe(i));
			slices.add(new Slice(pixels, classes, (int) d[0], (int) d[1], images.describe(i)));
		}
		return new LabelledSlices(slices);
	}

	/**
	 * Splits a contiguous slab off the end for validation: the last
	 * {@code fraction} of the slices (at least one), or, for a single slice, the
	 * last {@code fraction} of its rows. Neighbouring slices are nearly identical,
	 * so a random split would leak validation data into training.
	 *
	 * @return {training, validation}
	 */
	public LabelledSlices[] splitSlab(final double fraction) {
		if (slices.size() >= 2) {
			final int validation = Math.max(1, Math.min(slices.size() - 1, (int) Math.round(slices.size() *
				fraction)));
			final int cut = slices.size() - validation;
			return new LabelledSlices[] { new LabelledSlices(slices.subList(0, cut)), new LabelledSlices(slices.subList(cut,
				slices.size())) };
		}
		final Slice only = slices.get(0);
		final int validationRows = Math.max(1, (int) Math.round(only.height() * fraction));
		final int cut = only.height() - validationRows;
		return new LabelledSlices[] { new LabelledSlices(List.of(only.rows(0, cut))), new LabelledSlices(List.of(only.rows(
			cut, only.height()))) };
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
