package org.xrayseg.core.data;

import java.util.HashMap;
import java.util.Map;

import org.xrayseg.core.error.InvalidInputException;
import org.xrayseg.core.io.SliceSource;
import org.xrayseg.core.io.SliceSpec;

/**
 * Which image slice each label slice belongs to, when only some slices of a
 * volume are labelled: every slice (as many labels as images), the slices
 * listed by {@code labelled_slices=} (a label stack of those slices), or, for
 * two folders, the image file of the same name.
 */
final class LabelledSubset {

	private LabelledSubset() {}

	/**
	 * @param labelledSlices e.g. "10,250,900" (1-based, in the order of the
	 *          label slices), or null/blank
	 * @return the index in {@code images} of each label slice
	 * @throws InvalidInputException if the labels cannot be matched to the images
	 */
	static int[] indices(final SliceSource images, final SliceSource labels, final String labelledSlices) {
		if (labelledSlices != null && !labelledSlices.isBlank()) {
			final int[] listed = SliceSpec.parse(labelledSlices).indices(images.size(), images.name());
			if (listed.length != labels.size()) throw new InvalidInputException("labelled_slices lists " +
				listed.length + " slices but " + labels.name() + " has " + labels.size() + ": give one slice number per " +
				"label slice, in their order");
			return listed;
		}
		if (labels.size() == images.size() || labels.size() == 0) return identity(labels.size());
		if (images.fileName(0) != null && labels.fileName(0) != null) return byFileName(images, labels);
		throw new InvalidInputException(images.name() + " has " + slices(images.size()) + " but " + labels.name() +
			" has " + labels.size() + ": label every slice, give labelled_slices= (the image slice of each label " +
			"slice, e.g. labelled_slices=10,250,900), or use folders whose files are named alike");
	}

	private static int[] byFileName(final SliceSource images, final SliceSource labels) {
		final Map<String, Integer> byName = new HashMap<>();
		for (int i = 0; i < images.size(); i++)
			byName.put(stem(images.fileName(i)), i);
		final int[] out = new int[labels.size()];
		for (int j = 0; j < out.length; j++) {
			final Integer i = byName.get(stem(labels.fileName(j)));
			if (i == null) throw new InvalidInputException(labels.describe(j) + " has no image of the same name in " +
				images.name());
			out[j] = i;
		}
		return out;
	}

	private static String slices(final int n) {
		return n == 1 ? "1 slice" : n + " slices";
	}

	private static String stem(final String fileName) {
		final int dot = fileName.lastIndexOf('.');
		return dot > 0 ? fileName.substring(0, dot) : fileName;
	}

	static int[] identity(final int n) {
		final int[] out = new int[n];
		for (int i = 0; i < n; i++)
			out[i] = i;
		return out;
	}
}
