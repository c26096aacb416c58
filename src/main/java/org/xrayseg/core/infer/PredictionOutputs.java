package org.xrayseg.core.infer;

import java.nio.file.Path;
import java.util.Locale;

import org.xrayseg.core.error.InvalidInputException;

/**
 * What Segment writes besides the labels, each where the user pointed (null:
 * not written). Like the labels, each is a .tif file (one stack) or a folder
 * (one file per slice).
 *
 * @param probabilities the calibrated class probabilities, one channel per phase
 * @param eightBit probabilities as 8-bit (0-255 for 0-1) instead of 32-bit float
 * @param confidence one map per slice: the chosen phase's probability, or its margin over the second
 * @param margin the confidence is the margin rather than the probability
 * @param quality the per-slice quality estimate as CSV (and its plot as PNG beside it, same name)
 */
public record PredictionOutputs(Path probabilities, boolean eightBit, Path confidence, boolean margin, Path quality) {

	/** Nothing besides the labels. */
	public static final PredictionOutputs NONE = new PredictionOutputs(null, false, null, false, null);

	/**
	 * @param probabilityType "32-bit" or "8-bit"
	 * @param measure "probability" or "margin"
	 */
	public static PredictionOutputs of(final Path probabilities, final String probabilityType, final Path confidence,
		final String measure, final Path quality)
	{
		final String type = probabilityType == null ? "32-bit" : probabilityType.trim().toLowerCase(Locale.ROOT);
		if (!type.equals("32-bit") && !type.equals("8-bit")) throw new InvalidInputException(
			"probability_type must be 32-bit or 8-bit, not '" + probabilityType + "'");
		final String m = measure == null ? "probability" : measure.trim().toLowerCase(Locale.ROOT);
		if (!m.equals("probability") && !m.equals("margin")) throw new InvalidInputException(
			"confidence_measure must be probability or margin, not '" + measure + "'");
		if (quality != null && !quality.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv"))
			throw new InvalidInputException("quality must be a .csv file, not " + quality);
		return new PredictionOutputs(probabilities, type.equals("8-bit"), confidence, m.equals("margin"), quality);
	}

	/** @return whether anything besides the labels is asked for (then the probabilities are computed) */
	public boolean any() {
		return probabilities != null || confidence != null || quality != null;
	}

	/** @return where the quality plot goes: the quality table's path with .png */
	public Path qualityPlot() {
		final String n = quality.getFileName().toString();
		return quality.resolveSibling(n.substring(0, n.length() - 4) + ".png");
	}
}
