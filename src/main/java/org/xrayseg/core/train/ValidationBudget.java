package org.xrayseg.core.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.xrayseg.core.data.LabelledSlices;

/**
 * The validation slices scored after each epoch. Scoring every validation
 * slice after every epoch cost as much as 40% of a training run where many
 * large slices were held out (SOC: 50 slices of 501 x 501 after each of 43
 * epochs); the epoch's Dice only has to rank epochs and notice over-fitting,
 * which evenly spaced slices do as well. So an epoch is validated on at most
 * {@link #SHARE} of its training time, estimated from pixels (a validation
 * pixel costs about a third of a training pixel), and never on fewer than
 * {@link #MIN_SLICES} slices (or all, where there are fewer). Which slices is
 * fixed by the plan and the data, so a resumed run validates on the same ones.
 */
final class ValidationBudget {

	/** Validation after an epoch takes at most about this share of the epoch's training steps. */
	static final double SHARE = 0.25;
	/** Never fewer validation slices than this (or all). */
	static final int MIN_SLICES = 12;

	private ValidationBudget() {}

	/**
	 * @param forwardShare a validated pixel's cost as a share of a trained pixel's
	 * @return the validation pixels an epoch of {@code steps} steps of {@code stepPixels} pixels may score
	 */
	static long pixels(final int steps, final double stepPixels, final double forwardShare) {
		return Math.round(SHARE * steps * stepPixels / forwardShare);
	}

	/**
	 * @param budget validation pixels per epoch ({@link #pixels}), 0 for all slices (plans of earlier versions)
	 * @return {@code all}, or evenly spaced slices of it within the budget, at least {@link #MIN_SLICES}
	 */
	static LabelledSlices perEpoch(final LabelledSlices all, final long budget) {
		final int n = all.size();
		final int count = count(all, budget);
		if (count >= n) return all;
		final List<LabelledSlices.Slice> chosen = new ArrayList<>();
		for (int i = 0; i < count; i++)
			chosen.add(all.get((int) ((i + 0.5) * n / count)));
		return new LabelledSlices(chosen);
	}

	/** @return how many of {@code all} {@link #perEpoch} scores */
	static int count(final LabelledSlices all, final long budget) {
		final int n = all.size();
		if (budget <= 0 || n <= MIN_SLICES) return n;
		final double mean = Planner.pixels(all) / n;
		return (int) Math.max(MIN_SLICES, Math.min(n, Math.floor(budget / mean)));
	}

	/** @return the pixels of the slices of {@code all} that {@link #perEpoch} scores (about) */
	static double pixelsPerEpoch(final LabelledSlices all, final long budget) {
		return all.size() == 0 ? 0 : count(all, budget) * Planner.pixels(all) / all.size();
	}

	/** @return the plan's reason line where the budget leaves out slices of {@code validation}, else null */
	static String reason(final LabelledSlices validation, final long budget) {
		final int count = count(validation, budget);
		if (count >= validation.size()) return null;
		return String.format(Locale.ROOT, "validate after each epoch on %d of the %d validation slices, evenly " +
			"spaced (%.1f of %.1f megapixels: about a quarter of an epoch's time, at least %d slices); the " +
			"temperature is fitted on all", count, validation.size(), pixelsPerEpoch(validation, budget) / 1e6,
			Planner.pixels(validation) / 1e6, MIN_SLICES);
	}
}
