package org.xrayseg.core.train;

import org.xrayseg.core.data.LabelledSlices;
import org.xrayseg.core.error.InvalidInputException;

/** Checks that training patches fit into the training slices. */
final class PatchFit {

	private PatchFit() {}

	static void check(final LabelledSlices training, final int patch, final int multiple) {
		final int[] min = training.minimumSize();
		final int side = Math.min(min[0], min[1]);
		if (patch <= side) return;
		final int largest = side / multiple * multiple;
		throw new InvalidInputException("patch_size " + patch + " is larger than the training images (" + min[0] +
			"x" + min[1] + (largest >= multiple ? "): use patch_size=" + largest + " or less"
				: "): they are smaller than the network's minimum of " + multiple + "x" + multiple +
					" pixels; use a smaller depth"));
	}
}
