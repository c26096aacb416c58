package org.xrayseg.core.micro;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.xrayseg.core.data.LabelCoding;
import org.xrayseg.core.error.InvalidInputException;

/**
 * The names of a volume's phases, from {@code class_names=}: one name per
 * label code in increasing order ("pore,nickel,YSZ"), or code:name pairs
 * ("0:pore,128:nickel,255:YSZ"; codes left out are called "code N").
 */
final class PhaseNames {

	private PhaseNames() {}

	/**
	 * @return the codes found (increasing)
	 * @throws InvalidInputException where code:name pairs name a code the volume does not hold
	 */
	static int[] codes(final int[] found, final List<String> given) {
		for (final int code : pairs(given).keySet())
			if (Arrays.stream(found).noneMatch(c -> c == code)) throw new InvalidInputException("class_names names " +
				"code " + code + ", which the labels do not hold (their codes: " + Arrays.toString(found).replaceAll(
					"[\\[\\]]", "") + ")");
		return found;
	}

	/**
	 * @param legend the phases stored with the label slices (see
	 *          {@link LabelCoding#namesInLegend}), or null
	 * @return code:name pairs of the legend's codes among {@code found}, to use where the user gave no names
	 */
	static List<String> fromLegend(final String legend, final int[] found) {
		final List<String> pairs = new ArrayList<>();
		LabelCoding.namesInLegend(legend).forEach((code, name) -> {
			if (Arrays.stream(found).anyMatch(c -> c == code)) pairs.add(code + ":" + name);
		});
		return pairs;
	}

	/** @return one name per code of {@code codes} (increasing) */
	static List<String> of(final int[] codes, final List<String> given) {
		if (pairs(given).isEmpty()) {
			final LabelCoding coding = new LabelCoding(codes).withNames(given);
			return java.util.stream.IntStream.range(0, codes.length).mapToObj(coding::name).toList();
		}
		final Map<Integer, String> named = pairs(given);
		final List<String> names = new ArrayList<>();
		for (final int code : codes)
			names.add(named.getOrDefault(code, "code " + code));
		return names;
	}

	private static Map<Integer, String> pairs(final List<String> given) {
		final Map<Integer, String> named = new LinkedHashMap<>();
		if (given == null || given.stream().noneMatch(n -> n.contains(":"))) return named;
		for (final String entry : given) {
			final int colon = entry.indexOf(':');
			try {
				if (colon < 0) throw new NumberFormatException();
				named.put(Integer.parseInt(entry.substring(0, colon).trim()), entry.substring(colon + 1).trim());
			}
			catch (final NumberFormatException e) {
				throw new InvalidInputException("class_names mixes names with code:name pairs ('" + entry +
					"'): write every phase as code:name, e.g. 0:pore,128:nickel,255:YSZ");
			}
		}
		return named;
	}
}
