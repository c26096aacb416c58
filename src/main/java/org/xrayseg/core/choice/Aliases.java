package org.xrayseg.core.choice;

/**
 * Values of earlier versions that a setting still takes, written as
 * {@code old=new} pairs separated by commas (e.g. {@code true=all,false=none}
 * where a checkbox became a choice): the one reading of such a list, for the
 * commands' keys and for the settings that parse those values themselves.
 */
public final class Aliases {

	private Aliases() {}

	/** @return the value that {@code value} names in {@code pairs} (its old side in any case), or {@code value} */
	public static String resolve(final String pairs, final String value) {
		if (pairs == null || value == null) return value;
		for (final String pair : pairs.split(",")) {
			final int eq = pair.indexOf('=');
			if (pair.substring(0, eq).trim().equalsIgnoreCase(value)) return pair.substring(eq + 1).trim();
		}
		return value;
	}
}
