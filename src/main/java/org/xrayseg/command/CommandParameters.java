package org.xrayseg.command;

import java.io.File;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.scijava.Context;
import org.scijava.ItemVisibility;
import org.scijava.module.Module;
import org.scijava.module.ModuleInfo;
import org.scijava.module.ModuleItem;
import org.scijava.service.Service;
import org.xrayseg.core.choice.Aliases;
import org.xrayseg.core.choice.Auto;
import org.xrayseg.core.error.InvalidInputException;

/**
 * Turns key=value text into the inputs of a command, using nothing but the
 * command's {@code @Parameter} metadata: names are the keys, types say how to
 * parse, min/max/choices say what is allowed. The command line and ImageJ
 * macros share this, so a key means the same everywhere.
 */
public final class CommandParameters {

	private CommandParameters() {}

	/**
	 * @return the inputs a user sets (not services, the context or messages):
	 *         first what the command works on and writes (files, folders, open
	 *         images), then its settings, each in declaration order; the keys
	 *         shared by several commands are declared in superclasses, which
	 *         SciJava lists first
	 */
	public static List<ModuleItem<?>> userInputs(final ModuleInfo info) {
		final List<ModuleItem<?>> data = new ArrayList<>();
		final List<ModuleItem<?>> settings = new ArrayList<>();
		for (final ModuleItem<?> item : info.inputs()) {
			final Class<?> type = item.getType();
			if (Service.class.isAssignableFrom(type) || Context.class.isAssignableFrom(type)) continue;
			if (item.getVisibility() == ItemVisibility.MESSAGE) continue;
			(type == File.class || !isText(item) ? data : settings).add(item);
		}
		data.addAll(settings);
		return data;
	}

	/** @return true if a value of this item can be written as text (files, numbers, booleans, strings) */
	public static boolean isText(final ModuleItem<?> item) {
		final Class<?> t = item.getType();
		return t == File.class || t == String.class || t == boolean.class || t == Boolean.class || isWhole(t) ||
			isReal(t);
	}

	/**
	 * @return true if the key must be given: required with no default, or
	 *         marked {@link ParameterAttributes#CLI_REQUIRED} where {@code strict}
	 */
	public static boolean isMandatory(final ModuleItem<?> item, final Module defaults, final boolean strict) {
		if (strict && item.get(ParameterAttributes.CLI_REQUIRED) != null) return true;
		return item.isRequired() && item.getValue(defaults) == null;
	}

	/**
	 * Parses and checks {@code text} for every key.
	 *
	 * @param defaults a fresh module of the command, holding its default values
	 * @param strict true on the command line, where keys marked
	 *          {@link ParameterAttributes#CLI_REQUIRED} must be given
	 * @return the values by key, in the command's parameter order
	 * @throws InvalidInputException for an unknown key, a missing mandatory key
	 *           or a value of the wrong form or out of range
	 */
	public static Map<String, Object> parse(final ModuleInfo info, final Module defaults,
		final Map<String, String> text, final boolean strict)
	{
		final Map<String, ModuleItem<?>> byName = new LinkedHashMap<>();
		for (final ModuleItem<?> item : userInputs(info))
			if (isText(item)) byName.put(item.getName(), item);
		for (final String key : text.keySet())
			if (!byName.containsKey(key)) throw new InvalidInputException("Unknown key '" + key + "' for " + info
				.getName() + suggestion(key, byName.keySet()));
		final Map<String, Object> values = new LinkedHashMap<>();
		for (final ModuleItem<?> item : byName.values()) {
			final String value = text.get(item.getName());
			if (value == null) {
				if (isMandatory(item, defaults, strict)) throw new InvalidInputException("Missing key " + item.getName() +
					"= (" + item.getLabel() + ": " + item.getDescription() + ")");
				continue;
			}
			values.put(item.getName(), convert(item, value));
		}
		return values;
	}

	/** @return {@code text} as a value of {@code item}'s type, checked against its range and choices */
	public static Object convert(final ModuleItem<?> item, final String text) {
		final String key = item.getName();
		final String v = text.trim();
		final Class<?> t = item.getType();
		if (t == File.class) {
			if (v.isEmpty()) return null;
			return new File(v.startsWith("~/") ? System.getProperty("user.home") + v.substring(1) : v);
		}
		if (t == boolean.class || t == Boolean.class) return parseBoolean(key, v);
		if (item.get(ParameterAttributes.AUTO_NUMBER) != null) return autoNumber(item, text);
		if (isWhole(t)) {
			final long n;
			try {
				n = Long.parseLong(v);
			}
			catch (final NumberFormatException e) {
				throw new InvalidInputException(key + " must be a whole number, not '" + text + "'");
			}
			checkRange(item, n);
			return t == int.class || t == Integer.class ? (Object) Math.toIntExact(n) : (Object) n;
		}
		if (isReal(t)) {
			final double d;
			try {
				d = Double.parseDouble(v);
			}
			catch (final NumberFormatException e) {
				throw new InvalidInputException(key + " must be a number, not '" + text + "'");
			}
			if (!Double.isFinite(d)) throw new InvalidInputException(key + " must be a finite number, not '" + text +
				"'");
			checkRange(item, d);
			return t == float.class || t == Float.class ? (Object) (float) d : (Object) d;
		}
		final List<?> choices = item.getChoices();
		final String c = Aliases.resolve(item.get(ParameterAttributes.ALIASES), v); // earlier versions' values
		if (choices != null && !choices.isEmpty() && !choices.contains(c)) throw new InvalidInputException(key +
			" must be one of " + String.join(", ", choices.stream().map(String::valueOf).toArray(String[]::new)) +
			", not '" + text + "'");
		return c;
	}

	/** @return {@link Auto#KEY} for auto (or 0), else the whole number, checked against the item's range */
	private static String autoNumber(final ModuleItem<?> item, final String text) {
		final int n = Auto.count(item.getName(), text);
		if (n == Auto.NUMBER) return Auto.KEY;
		checkRange(item, n);
		return Integer.toString(n);
	}

	private static Boolean parseBoolean(final String key, final String v) {
		switch (v.toLowerCase(Locale.ROOT)) {
			case "true":
			case "yes":
			case "1":
				return true;
			case "false":
			case "no":
			case "0":
				return false;
			default:
				throw new InvalidInputException(key + " must be true or false, not '" + v + "'");
		}
	}

	private static void checkRange(final ModuleItem<?> item, final double value) {
		final Double min = number(item.getMinimumValue());
		final Double max = number(item.getMaximumValue());
		final String reason = item.get(ParameterAttributes.RANGE_REASON) == null ? "" : ": " + item.get(ParameterAttributes.RANGE_REASON);
		final String auto = item.get(ParameterAttributes.AUTO_NUMBER) == null ? "" : "auto or ";
		if (min != null && value < min) throw new InvalidInputException(item.getName() + " must be " + auto +
			"at least " + format(min) + ", not " + format(value) + reason);
		if (max != null && value > max) throw new InvalidInputException(item.getName() + " must be " + auto +
			"at most " + format(max) + ", not " + format(value) + reason);
		// a step with a reason is a rule (widths in multiples of 16), not only a dialog's increment
		final Double step = number(item.getStepSize());
		if (!reason.isEmpty() && step != null && step > 1 && value % step != 0) {
			final double k = step;
			throw new InvalidInputException(item.getName() + " must be a multiple of " + format(k) + " (" + format(k) +
				", " + format(2 * k) + ", " + format(3 * k) + ", ...), not " + format(value) + reason);
		}
	}

	/** @return a range value (a number, or the text of one for a text parameter), or null */
	private static Double number(final Object value) {
		if (value instanceof Number) return ((Number) value).doubleValue();
		if (!(value instanceof String) || ((String) value).isBlank()) return null;
		try {
			return Double.valueOf((String) value);
		}
		catch (final NumberFormatException e) {
			return null;
		}
	}

	private static String format(final double v) {
		return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
	}

	private static boolean isWhole(final Class<?> t) {
		return t == int.class || t == Integer.class || t == long.class || t == Long.class;
	}

	private static boolean isReal(final Class<?> t) {
		return t == double.class || t == Double.class || t == float.class || t == Float.class;
	}

	/** @return comma-separated numbers, or a clear error naming {@code key} */
	public static double[] numbers(final String text, final String key) {
		try {
			return java.util.Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).mapToDouble(
				Double::parseDouble).toArray();
		}
		catch (final NumberFormatException e) {
			throw new InvalidInputException(key + " must be comma-separated numbers, not '" + text + "'");
		}
	}

	/** @return the comma-separated names of {@code text} (e.g. "pore, nickel,YSZ"), or null if it holds none */
	public static List<String> names(final String text) {
		if (text == null || text.isBlank()) return null;
		final List<String> names = new ArrayList<>();
		for (final String name : text.split(","))
			if (!name.isBlank()) names.add(name.trim());
		return names;
	}

	/** @return " (did you mean 'x'?)" for the closest known key, or a pointer to help */
	static String suggestion(final String key, final Iterable<String> known) {
		String best = null;
		int bestDistance = Integer.MAX_VALUE;
		for (final String k : known) {
			final int d = distance(key.toLowerCase(Locale.ROOT), k);
			if (d < bestDistance) {
				bestDistance = d;
				best = k;
			}
		}
		return best != null && bestDistance <= Math.max(2, key.length() / 3) ? " (did you mean '" + best + "'?)"
			: " (see: help)";
	}

	private static int distance(final String a, final String b) {
		final int[] previous = new int[b.length() + 1];
		final int[] current = new int[b.length() + 1];
		for (int j = 0; j <= b.length(); j++)
			previous[j] = j;
		for (int i = 1; i <= a.length(); i++) {
			current[0] = i;
			for (int j = 1; j <= b.length(); j++) {
				final int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
				current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
			}
			System.arraycopy(current, 0, previous, 0, current.length);
		}
		return previous[b.length()];
	}
}
