package org.xrayseg.core.io;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.xrayseg.core.error.InvalidInputException;

/**
 * Which slices of a volume to use, as a user writes it after {@code slices=}:
 * 1-based and inclusive, parts separated by commas: {@code 101-200},
 * {@code 101-} (to the last slice), {@code 7} (one slice),
 * {@code 1-50,201-250}. Parts keep their order and may not overlap, so that
 * parts of a volume processed separately put together give the whole.
 *
 * @param text the text as the user wrote it (for messages)
 * @param parts {first, last} pairs, 1-based inclusive; last is -1 for "to the end"
 */
public record SliceSpec(String text, List<int[]> parts) {

	private static final Pattern PART = Pattern.compile("\\s*(\\d+)\\s*(-\\s*(\\d*)\\s*)?");

	/** Parses {@code text}; throws a one-line error if it is malformed, reversed or counts from 0. */
	public static SliceSpec parse(final String text) {
		if (text == null || text.isBlank()) throw new InvalidInputException(
			"slices= is empty: give slices like 101-200, 101- (to the end) or 1-50,201-250");
		final List<int[]> parts = new ArrayList<>();
		for (final String part : text.split(",", -1)) {
			final Matcher m = PART.matcher(part);
			if (!m.matches()) throw new InvalidInputException("slices=" + text + " is not a list of slices: " + (part
				.isBlank() ? "it has an empty part; " : "") + "use e.g. 101-200, 101- (to the end) or 1-50,201-250");
			final int first = number(text, m.group(1));
			final int last = m.group(2) == null ? first : m.group(3).isEmpty() ? -1 : number(text, m.group(3));
			if (first == 0 || last == 0) throw new InvalidInputException("slices=" + text +
				" has slice 0: slices are counted from 1");
			if (last != -1 && last < first) throw new InvalidInputException("slices=" + text + " has " + first +
				"-" + last + ", which is reversed: write " + last + "-" + first);
			parts.add(new int[] { first, last });
		}
		return new SliceSpec(text.trim(), List.copyOf(parts));
	}

	private static int number(final String text, final String digits) {
		try {
			return Integer.parseInt(digits);
		}
		catch (final NumberFormatException e) {
			throw new InvalidInputException("slices=" + text + " names slice " + digits + ", which is too large");
		}
	}

	/**
	 * @param size the number of slices of the volume
	 * @param volume what a user calls the volume, for messages
	 * @return the 0-based indices of the slices, in order
	 */
	public int[] indices(final int size, final String volume) {
		final List<Integer> out = new ArrayList<>();
		final boolean[] taken = new boolean[size];
		for (final int[] p : parts) {
			final int last = p[1] == -1 ? size : p[1];
			final String part = p[0] == p[1] ? String.valueOf(p[0]) : p[0] + "-" + (p[1] == -1 ? "" : String
				.valueOf(p[1]));
			if (p[0] > size || last > size || last < p[0]) throw new InvalidInputException("slices=" + (parts
				.size() > 1 ? text + ": " + part : text) + " lies outside the " + size + " slices of " + volume);
			for (int i = p[0] - 1; i < last; i++) {
				if (taken[i]) throw new InvalidInputException("slices=" + text + " names slice " + (i + 1) +
					" twice: parts may not overlap");
				taken[i] = true;
				out.add(i);
			}
		}
		return out.stream().mapToInt(Integer::intValue).toArray();
	}
}
