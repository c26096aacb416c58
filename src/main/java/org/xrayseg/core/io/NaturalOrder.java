package org.xrayseg.core.io;

import java.util.Comparator;

/**
 * Orders file names as a person would: "slice_2.tif" before "slice_10.tif".
 * Runs of digits compare by value, everything else case-insensitively.
 */
public final class NaturalOrder implements Comparator<String> {

	public static final NaturalOrder INSTANCE = new NaturalOrder();

	@Override
	public int compare(final String a, final String b) {
		int i = 0;
		int j = 0;
		while (i < a.length() && j < b.length()) {
			final char ca = a.charAt(i);
			final char cb = b.charAt(j);
			if (Character.isDigit(ca) && Character.isDigit(cb)) {
				final int ei = endOfDigits(a, i);
				final int ej = endOfDigits(b, j);
				final int byValue = compareDigits(a.substring(i, ei), b.substring(j, ej));
				if (byValue != 0) return byValue;
				i = ei;
				j = ej;
			}
			else {
				final int c = Character.compare(Character.toLowerCase(ca), Character.toLowerCase(cb));
				if (c != 0) return c;
				i++;
				j++;
			}
		}
		final int byLength = Integer.compare(a.length() - i, b.length() - j);
		return byLength != 0 ? byLength : a.compareTo(b);
	}

	private static int endOfDigits(final String s, int k) {
		while (k < s.length() && Character.isDigit(s.charAt(k)))
			k++;
		return k;
	}

	private static int compareDigits(final String x, final String y) {
		final String sx = stripZeros(x);
		final String sy = stripZeros(y);
		if (sx.length() != sy.length()) return Integer.compare(sx.length(), sy.length());
		return sx.compareTo(sy);
	}

	private static String stripZeros(final String s) {
		int k = 0;
		while (k < s.length() - 1 && s.charAt(k) == '0')
			k++;
		return s.substring(k);
	}
}
