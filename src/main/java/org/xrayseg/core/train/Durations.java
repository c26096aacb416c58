package org.xrayseg.core.train;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.xrayseg.core.choice.Auto;
import org.xrayseg.core.error.InvalidInputException;

/** Durations as users write them: 30m, 2h, 1h30m, 90s, or a plain number of minutes; or "auto". */
final class Durations {

	private static final Pattern PARTS = Pattern.compile("(?:(\\d+(?:\\.\\d+)?)h)?(?:(\\d+(?:\\.\\d+)?)m(?:in)?)?" +
		"(?:(\\d+(?:\\.\\d+)?)s)?");

	private Durations() {}

	/**
	 * @param key the key the value was given for, for the message
	 * @return the duration in seconds; {@link Auto#NUMBER} for "auto" or nothing
	 * @throws InvalidInputException if {@code value} is not a duration
	 */
	static double parse(final String key, final String value) {
		if (Auto.is(value)) return Auto.NUMBER;
		final String v = value.trim().toLowerCase(Locale.ROOT).replace(" ", "");
		try {
			final double minutes = Double.parseDouble(v);
			if (minutes > 0) return minutes * 60;
		}
		catch (final NumberFormatException e) {
			// not a plain number: hours, minutes and seconds
		}
		final Matcher m = PARTS.matcher(v);
		if (m.matches() && (m.group(1) != null || m.group(2) != null || m.group(3) != null)) {
			final double s = part(m.group(1)) * 3600 + part(m.group(2)) * 60 + part(m.group(3));
			if (s > 0) return s;
		}
		throw new InvalidInputException(key + " must be auto or a duration such as 30m, 2h, 1h30m or 900s, not '" +
			value + "'");
	}

	private static double part(final String number) {
		return number == null ? 0 : Double.parseDouble(number);
	}

	/** @return e.g. "1h30m", "20m", "45s" */
	static String format(final double seconds) {
		final long s = Math.round(seconds);
		final long h = s / 3600;
		final long m = s % 3600 / 60;
		final long rest = s % 60;
		final StringBuilder b = new StringBuilder();
		if (h > 0) b.append(h).append('h');
		if (m > 0) b.append(m).append('m');
		if (rest > 0 || b.length() == 0) b.append(rest).append('s');
		return b.toString();
	}
}
