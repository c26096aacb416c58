package org.xrayseg.core.micro;

import java.util.Arrays;

import org.xrayseg.core.data.LabelCoding;
import org.xrayseg.core.error.InvalidInputException;

/**
 * Numbers the label codes of a volume 0, 1, 2, ... in the order they are met
 * while streaming, so that every measure can keep small arrays per phase
 * (at most {@link LabelCoding#MAX_CLASSES} phases).
 */
final class PhaseIndex {

	static final int MAX = LabelCoding.MAX_CLASSES;
	private static final int MAX_CODE = 65535;

	private final byte[] indexOfCode = new byte[MAX_CODE + 1];
	private final int[] codes = new int[MAX];
	private int count;

	PhaseIndex() {
		Arrays.fill(indexOfCode, (byte) -1);
	}

	/**
	 * Translates one slice of codes into phase indices.
	 *
	 * @param where the slice, for the message of a bad value
	 * @throws InvalidInputException for a code outside 0..65535 or a 65th phase
	 */
	void translate(final int[] codesIn, final byte[] phases, final int n, final String where) {
		for (int i = 0; i < n; i++) {
			final int code = codesIn[i];
			if (code < 0 || code > MAX_CODE) throw new InvalidInputException(where + " holds the value " + code +
				": label images must hold whole numbers in 0.." + MAX_CODE);
			byte p = indexOfCode[code];
			if (p < 0) p = add(code, where);
			phases[i] = p;
		}
	}

	private byte add(final int code, final String where) {
		if (count == MAX) throw new InvalidInputException(where + " makes more than " + MAX +
			" distinct label values: is it a grey image instead of a label image?");
		codes[count] = code;
		indexOfCode[code] = (byte) count;
		return (byte) count++;
	}

	int count() {
		return count;
	}

	int code(final int index) {
		return codes[index];
	}

	/** @return the phase indices in increasing order of their codes */
	int[] byCode() {
		final Integer[] order = new Integer[count];
		for (int i = 0; i < count; i++)
			order[i] = i;
		Arrays.sort(order, (a, b) -> Integer.compare(codes[a], codes[b]));
		return Arrays.stream(order).mapToInt(Integer::intValue).toArray();
	}
}
