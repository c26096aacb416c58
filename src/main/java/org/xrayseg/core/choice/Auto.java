package org.xrayseg.core.choice;

import java.util.Locale;

import org.xrayseg.core.error.InvalidInputException;

/**
 * The one representation of a setting left to the plan: users write
 * {@value #KEY} for every such key (training sizes and counts, the time
 * budget, context slices, folds, normalisation, class balance, device, tile
 * size, precision), and a setting held as a number holds {@link #NUMBER}
 * until the plan decides it (in training {@code core.train.Planner}, in
 * segmenting {@code core.infer.InferenceTuner#choose}); enums have their own
 * AUTO constant parsed from the same word.
 */
public final class Auto {

	/** The word for "let the plan decide". */
	public static final String KEY = "auto";
	/** A number setting not yet decided ({@link #KEY}); no count, size or tile side is negative. */
	public static final int NUMBER = -1;

	private Auto() {}

	/** @return true for {@value #KEY} in any case, or for nothing given (null or blank) */
	public static boolean is(final String value) {
		return value == null || value.isBlank() || value.trim().equalsIgnoreCase(KEY);
	}

	/**
	 * @param key the key, for the message
	 * @param value {@value #KEY} or a whole number; 0 means {@value #KEY} too, as
	 *          in macros recorded when these keys took 0 for it
	 * @return {@link #NUMBER} for auto, else the number (its range is checked where it is used)
	 * @throws InvalidInputException if {@code value} is neither
	 */
	public static int count(final String key, final String value) {
		if (is(value)) return NUMBER;
		try {
			final int n = Integer.parseInt(value.trim());
			if (n >= 0) return n == 0 ? NUMBER : n;
		}
		catch (final NumberFormatException e) {
			// the message below says what is expected
		}
		throw new InvalidInputException(key + " must be auto or a whole number, not '" + value + "'");
	}

	/** @return {@value #KEY} for {@link #NUMBER}, else the number */
	public static String format(final int value) {
		return value == NUMBER ? KEY : Integer.toString(value);
	}

	/** @return the value in lower case, {@value #KEY} for nothing given */
	public static String word(final String value) {
		return is(value) ? KEY : value.trim().toLowerCase(Locale.ROOT);
	}
}
