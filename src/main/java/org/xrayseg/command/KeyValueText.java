package org.xrayseg.command;

import java.util.LinkedHashMap;
import java.util.Map;

import org.xrayseg.core.error.InvalidInputException;

/**
 * The keys and values of a command as text, in the three forms users type:
 * the command line's, one {@code key=value} argument each; ImageJ macro
 * options, {@code key=value key2=[value with spaces] flag} (a bare key means
 * true, the ImageJ checkbox convention; commas belong to the value, as in
 * {@code levels=0,0.1}); and SciJava's (Fiji's {@code --run}),
 * {@code key='value',key2=2}. Every value is text for
 * {@link CommandParameters}.
 */
public final class KeyValueText {

	private KeyValueText() {}

	/**
	 * @return the values by key, in the order given: SciJava's form if a value
	 *         is quoted or a bare value holds another {@code key=}, else the
	 *         macro form
	 */
	public static Map<String, String> parse(final String text) {
		final Map<String, String> macro = parseMacro(text);
		if (text != null && (text.matches("(?s).*=\\s*['\"].*") || macro.values().stream().anyMatch(v -> v.matches(
			"(?s).*,\\s*\\w+\\s*=.*")))) return parseSciJava(text);
		return macro;
	}

	/**
	 * @return the command-line form, one {@code key=value} argument each, by key in their order
	 * @throws InvalidInputException for an argument without '=' or a key given twice
	 */
	public static Map<String, String> parseArguments(final String[] args) {
		final Map<String, String> map = new LinkedHashMap<>();
		for (final String a : args) {
			final int eq = a.indexOf('=');
			if (eq <= 0) throw new InvalidInputException("Expected key=value, got '" + a + "'");
			if (map.put(a.substring(0, eq), a.substring(eq + 1)) != null) throw new InvalidInputException("Key " + a
				.substring(0, eq) + " given twice");
		}
		return map;
	}

	/** @return the values of SciJava's form: {@code key='value', key2="value", key3=bare} */
	public static Map<String, String> parseSciJava(final String text) {
		final Map<String, String> values = new LinkedHashMap<>();
		int i = 0;
		while (i < text.length()) {
			final char c = text.charAt(i);
			if (Character.isWhitespace(c) || c == ',') {
				i++;
				continue;
			}
			final int eq = text.indexOf('=', i);
			if (eq < 0) throw new InvalidInputException("Expected key=value, got '" + text.substring(i).trim() + "'");
			final String key = text.substring(i, eq).trim();
			int start = eq + 1;
			while (start < text.length() && Character.isWhitespace(text.charAt(start)))
				start++;
			final char quote = start < text.length() ? text.charAt(start) : 0;
			if (quote == '\'' || quote == '"') {
				final int close = text.indexOf(quote, start + 1);
				if (close < 0) throw new InvalidInputException("Unclosed " + quote + " in the value of " + key);
				values.put(key, text.substring(start + 1, close));
				i = close + 1;
			}
			else {
				final int comma = text.indexOf(',', start);
				final int stop = comma < 0 ? text.length() : comma;
				values.put(key, text.substring(start, stop).trim());
				i = stop;
			}
		}
		return values;
	}

	/** @return the values of the macro form */
	public static Map<String, String> parseMacro(final String options) {
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
