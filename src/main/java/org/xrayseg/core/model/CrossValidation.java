package org.xrayseg.core.model;

import java.util.List;

/**
 * How well a cross-validation ensemble segments slices it has not seen: every
 * labelled slice is segmented by the network whose fold held it out, and
 * scored against its labels.
 *
 * @param folds the number of networks, one per fold
 * @param diceMean Dice of each phase, mean over the held-out slices (in class order)
 * @param diceStd standard deviation over the slices
 * @param slices held-out slices scored (each labelled slice once)
 * @param heldOut which slices each fold held out, e.g. "images/a.tif .. images/c.tif (3 slices)"
 */
public record CrossValidation(int folds, double[] diceMean, double[] diceStd, int slices, List<String> heldOut) {

	/** @return the mean of {@link #diceMean} over the phases */
	public double meanDice() {
		double s = 0;
		for (final double d : diceMean)
			s += d;
		return s / diceMean.length;
	}
}
