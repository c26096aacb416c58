package org.xrayseg.imagej1;

import java.util.LinkedHashMap;
import java.util.Map;

import org.xrayseg.core.error.InvalidInputException;

/**
 * ImageJ macro options: {@code key=value key2=[value with spaces] flag}. A bare
 * key means true (the ImageJ checkbox convention); every other value is text
 * for {@link org.xrayseg.command.CommandParameters}.
 */
public final class MacroOptions {

	private MacroOptions() {}

	/** @return the values by key, in the order given */
	public static Map<String, String> parse(final String options) {
		final Map<String, String> values = new LinkedHashMap<>();
		final String s = options == null ? "" : options;
		int i = 0;
		while (i < s.length()) {
			if (Character.isWhitespace(s.charAt(i))) {
				i++;
				continue;
			}
			int end = i;
			while (end < s.length() && s.charAt(end) != '=' && !Character.isWhitespace(s.charAt(end)))
				end++;
			final String key = s.substring(i, end);
			if (end >= s.length() || s.charAt(end) != '=') {
				values.put(key, "true");
				i = end;
				continue;
			}
			int start = end + 1;
			final String value;
			if (start < s.length() && s.charAt(start) == '[') {
				final int close = s.indexOf(']', start);
				if (close < 0) throw new InvalidInputException("Unclosed [ in the value of " + key + ": " + s);
				value = s.substring(start + 1, close);
				i = close + 1;
			}
			else {
				int stop = start;
				while (stop < s.length() && !Character.isWhitespace(s.charAt(stop)))
					stop++;
				value = s.substring(start, stop);
				i = stop;
			}
			values.put(key, value);
		}
		return values;
	}

	/** @return {@code key=value}, bracketed if the value holds a space or is empty */
	public static String format(final String key, final String value) {
		return key + "=" + (value.isEmpty() || value.contains(" ") ? "[" + value + "]" : value);
	}
}
