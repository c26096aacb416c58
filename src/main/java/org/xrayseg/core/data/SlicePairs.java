package org.xrayseg.core.data;

import org.xrayseg.core.error.InvalidInputException;
import org.xrayseg.core.io.SliceSource;

/** Checks that two slice sources pair up slice by slice (images and their labels, prediction and truth). */
public final class SlicePairs {

	private SlicePairs() {}

	/**
	 * @throws InvalidInputException naming both sources if their slice counts
	 *           differ, or naming both slices if the sizes of a pair differ
	 */
	public static void check(final SliceSource first, final SliceSource second) {
		if (first.size() != second.size()) throw new InvalidInputException(first.name() + " has " + slices(first
			.size()) + " but " + second.name() + " has " + slices(second.size()) + ": they must match slice by slice");
		for (int i = 0; i < first.size(); i++) {
			final long[] a = first.dimensions(i);
			final long[] b = second.dimensions(i);
			if (a[0] != b[0] || a[1] != b[1]) throw new InvalidInputException(second.describe(i) + " is " + b[0] +
				"x" + b[1] + " but " + first.describe(i) + " is " + a[0] + "x" + a[1]);
		}
	}

	private static String slices(final int n) {
		return n + (n == 1 ? " slice" : " slices");
	}
}
