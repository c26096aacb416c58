package org.xrayseg.core.data;

import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.stream.Collectors;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.RealType;

import org.xrayseg.core.convert.Pixels;
import org.xrayseg.core.error.InvalidInputException;
import org.xrayseg.core.io.SliceSource;
import org.xrayseg.core.progress.ProgressListener;

/**
 * Maps the values of a label image (grey codes such as 0/128/255 or indices
 * 0, 1, 2) to class indices 0..K-1 in increasing order of value, and back. The
 * codes are stored in the model so that predictions are written in the coding
 * of the training labels. Each phase has a name for tables and plots: the
 * user's ("pore", "nickel", "YSZ") or "code 128".
 */
public final class LabelCoding {

	/** The class of a pixel that is not annotated (sparse labels, scribbles). */
	public static final byte UNLABELLED = -1;
	/** No label value means "not annotated": every pixel is labelled. */
	public static final int NO_UNLABELLED = -1;
	/** More distinct values than this means the "labels" are probably a grey image. */
	public static final int MAX_CLASSES = 64;
	private static final int MAX_CODE = 65535;

	private final int[] codes;
	private final byte[] classOfCode;
	private final String[] names;
	private final int unlabelled;

	/** @param codes the distinct label values, one per class, in any order */
	public LabelCoding(final int... codes) {
		this(null, NO_UNLABELLED, codes);
	}

	private LabelCoding(final String[] names, final int unlabelled, final int... codes) {
		this.names = names;
		this.unlabelled = unlabelled;
		this.codes = Arrays.stream(codes).distinct().sorted().toArray();
		if (this.codes.length != codes.length) throw new IllegalArgumentException("Duplicate label codes");
		if (this.codes.length > MAX_CLASSES) throw new IllegalArgumentException("Too many classes");
		if (this.codes.length > 0 && (this.codes[0] < 0 || this.codes[this.codes.length - 1] > MAX_CODE))
			throw new IllegalArgumentException("Label codes must lie in 0.." + MAX_CODE);
		this.classOfCode = new byte[this.codes.length == 0 ? 0 : this.codes[this.codes.length - 1] + 1];
		Arrays.fill(classOfCode, (byte) -1);
		for (int c = 0; c < this.codes.length; c++)
			classOfCode[this.codes[c]] = (byte) c;
	}

	/**
	 * Finds the distinct values of all label slices.
	 *
	 * @throws InvalidInputException if a value is not a whole number in
	 *           0..65535, if there are too many values, or only one
	 */
	public static LabelCoding fit(final SliceSource labels, final ProgressListener progress) {
		return fit(labels, NO_UNLABELLED, progress);
	}

	/**
	 * Finds the distinct values of all label slices but {@code unlabelled}.
	 *
	 * @param unlabelled the label value that means "not annotated", or {@link #NO_UNLABELLED}
	 * @throws InvalidInputException as {@link #fit(SliceSource, ProgressListener)}, and if no pixel is annotated
	 */
	public static LabelCoding fit(final SliceSource labels, final int unlabelled, final ProgressListener progress) {
		final BitSet seen = new BitSet();
		for (int i = 0; i < labels.size(); i++) {
			progress.checkCancelled();
			progress.update("Reading labels " + labels.describe(i), i, labels.size());
			addValues(labels.slice(i), labels.describe(i), seen);
			if (seen.cardinality() > MAX_CLASSES) throw new InvalidInputException(labels.describe(i) +
				" makes more than " + MAX_CLASSES + " distinct label values: is it a grey image instead of a label image?");
		}
		if (unlabelled >= 0) seen.clear(unlabelled);
		if (unlabelled >= 0 && seen.isEmpty()) throw new InvalidInputException("The labels in " + labels.name() +
			" annotate no pixel: every pixel holds the unlabelled value " + unlabelled);
		final LabelCoding coding = new LabelCoding(null, unlabelled, seen.stream().toArray());
		if (coding.classes() < 2) throw new InvalidInputException("The labels in " + labels.name() +
			" hold a single class (value " + coding.code(0) + "): at least two phases are needed to train");
		return coding;
	}

	private static void addValues(final RandomAccessibleInterval<? extends RealType<?>> slice, final String what,
		final BitSet seen)
	{
		for (final float v : Pixels.toFloats(slice)) {
			if (v != Math.rint(v) || v < 0 || v > MAX_CODE) throw new InvalidInputException(what +
				" holds the value " + v + ": labels must be whole numbers in 0.." + MAX_CODE);
			seen.set((int) v);
		}
	}

	/** @return the number of classes */
	public int classes() {
		return codes.length;
	}

	/**
	 * @param phaseNames one name per phase in the order of the label codes, or
	 *          null or empty for "code N"
	 * @return this coding with these names
	 * @throws InvalidInputException if the number of names is not the number of phases
	 */
	public LabelCoding withNames(final List<String> phaseNames) {
		if (phaseNames == null || phaseNames.isEmpty()) return new LabelCoding(null, unlabelled, codes);
		if (phaseNames.size() != codes.length) throw new InvalidInputException("class_names gives " + phaseNames
			.size() + " names, but the labels hold " + codes.length + " phases (codes " + describeCodes() +
			"): give one name per phase, in the order of the codes");
		return new LabelCoding(phaseNames.toArray(new String[0]), unlabelled, codes);
	}

	/**
	 * @param found the codes found in labels (of a model to continue training)
	 * @param what the labels, for the message
	 * @return this coding, if it has every phase of {@code found}
	 * @throws InvalidInputException naming the codes this coding does not know
	 */
	public LabelCoding covering(final LabelCoding found, final String what) {
		final int[] unknown = Arrays.stream(found.codes).filter(c -> c >= classOfCode.length || classOfCode[c] < 0)
			.toArray();
		if (unknown.length > 0) throw new InvalidInputException(what + " holds the label value" + (unknown.length > 1
			? "s " : " ") + Arrays.stream(unknown).mapToObj(Integer::toString).collect(Collectors.joining(", ")) +
			", which is not a phase of the initial model (its phases: " + legend() + (found.unlabelled >= 0 ? "; not " +
				"annotated: " + found.unlabelled : "") + ")");
		return this;
	}

	/**
	 * @param value the label value that means "not annotated", or {@link #NO_UNLABELLED}
	 * @return this coding, reading that value as {@link #UNLABELLED}
	 */
	public LabelCoding withUnlabelled(final int value) {
		return new LabelCoding(names, value, codes);
	}

	/** @return the label value that means "not annotated", or {@link #NO_UNLABELLED} */
	public int unlabelled() {
		return unlabelled;
	}

	/** @return "pore, nickel, YSZ" as a list, or null if the phases have no names of their own */
	public List<String> names() {
		return names == null ? null : List.of(names);
	}

	/**
	 * @param legend as {@link #legend()} writes it: "0 pore, 128 nickel, 255 YSZ"
	 * @return the names it gives, by code (codes without a name left out)
	 */
	public static java.util.Map<Integer, String> namesInLegend(final String legend) {
		final java.util.Map<Integer, String> names = new java.util.LinkedHashMap<>();
		if (legend == null) return names;
		for (final String entry : legend.split(",\\s*")) {
			final String[] parts = entry.trim().split("\\s+", 2);
			if (parts.length == 2 && parts[0].matches("\\d+")) names.put(Integer.parseInt(parts[0]), parts[1]);
		}
		return names;
	}

	/** @return the name of class {@code cls}: the user's, or "code 128" */
	public String name(final int cls) {
		return names != null ? names[cls] : "code " + codes[cls];
	}

	/** @return e.g. "0 pore, 128 nickel, 255 YSZ", or "0, 128, 255" for phases without names */
	public String legend() {
		final StringBuilder b = new StringBuilder();
		for (int c = 0; c < codes.length; c++)
			b.append(c == 0 ? "" : ", ").append(codes[c]).append(names == null ? "" : " " + names[c]);
		return b.toString();
	}

	/** @return the label value of class {@code cls} */
	public int code(final int cls) {
		return codes[cls];
	}

	/** @return a copy of all label values in class order */
	public int[] codes() {
		return codes.clone();
	}

	/** @return 8 if every code fits an unsigned byte, else 16 */
	public int bitDepth() {
		return codes.length == 0 || codes[codes.length - 1] <= 255 ? 8 : 16;
	}

	/**
	 * @return the class of every pixel of a label slice, row-major
	 * @throws InvalidInputException naming {@code what} if a value is not one of the codes
	 */
	public byte[] toClasses(final RandomAccessibleInterval<? extends RealType<?>> slice, final String what) {
		final float[] values = Pixels.toFloats(slice);
		final byte[] classes = new byte[values.length];
		for (int i = 0; i < values.length; i++) {
			final float v = values[i];
			final int code = (int) v;
			if (code == unlabelled && code == v) {
				classes[i] = UNLABELLED;
				continue;
			}
			final byte c = code == v && code >= 0 && code < classOfCode.length ? classOfCode[code] : -1;
			if (c < 0) throw new InvalidInputException(what + " holds the label value " + formatValue(v) +
				", which the model does not know (known: " + describeCodes() + (unlabelled >= 0 ? "; not annotated: " +
					unlabelled : "") + ")");
			classes[i] = c;
		}
		return classes;
	}

	/**
	 * @param classes class indices, row-major
	 * @return a new 8- or 16-bit image (see {@link #bitDepth()}) with the codes of those classes
	 */
	public Img<? extends RealType<?>> toCodes(final byte[] classes, final int width, final int height) {
		if (bitDepth() == 8) {
			final byte[] out = new byte[classes.length];
			for (int i = 0; i < out.length; i++)
				out[i] = (byte) codes[classes[i]];
			return ArrayImgs.unsignedBytes(out, width, height);
		}
		final short[] out = new short[classes.length];
		for (int i = 0; i < out.length; i++)
			out[i] = (short) codes[classes[i]];
		return ArrayImgs.unsignedShorts(out, width, height);
	}

	/** @return e.g. "0, 128, 255" */
	public String describeCodes() {
		return Arrays.stream(codes).mapToObj(Integer::toString).collect(Collectors.joining(", "));
	}

	private static String formatValue(final float v) {
		return v == Math.rint(v) ? Integer.toString((int) v) : Float.toString(v);
	}

	@Override
	public boolean equals(final Object o) {
		return o instanceof LabelCoding && Arrays.equals(codes, ((LabelCoding) o).codes) && Arrays.equals(names,
			((LabelCoding) o).names) && unlabelled == ((LabelCoding) o).unlabelled;
	}

	@Override
	public int hashCode() {
		return Arrays.hashCode(codes) * 31 + Arrays.hashCode(names);
	}

	@Override
	public String toString() {
		return "LabelCoding[" + describeCodes() + "]";
	}
}
