package org.xrayseg.core.infer;

import java.util.Locale;

import org.xrayseg.core.choice.Auto;
import org.xrayseg.core.error.InvalidInputException;
import org.xrayseg.core.model.ModelMetadata;

/**
 * Whether Segment averages the predictions of the 8 flips and rotations of
 * every slice (key {@code tta}). Measured on every data set at hand, the
 * average raised the Dice of every phase (bench/RESULTS.md, issue 22), most
 * for rare phases, at 8 times the forward passes. So auto takes it where that
 * time stays short: volumes of at most {@link #AUTO_MEGAPIXELS} megapixels
 * (a few thousand slices of 2048 x 2048 would take hours more), and only for
 * models trained with flips and rotations, to which the turned slices are
 * nothing new.
 */
public enum TestTimeAugmentation {

	/** On for small volumes and models trained with flips and rotations. */
	AUTO,
	TRUE,
	FALSE;

	/** Largest volume auto averages the flips and rotations of, in megapixels (16 slices of 2048 x 2048). */
	public static final int AUTO_MEGAPIXELS = 64;

	/** What runs, and why, for the log. */
	public record Decision(boolean on, String reason) {

		/** @return e.g. "on (auto: 12.6 megapixels to segment, ...)" */
		public String describe() {
			return (on ? "on" : "off") + " (" + reason + ")";
		}
	}

	/** @return the setting named by a key value (auto, true, false) */
	public static TestTimeAugmentation parse(final String key) {
		final String k = Auto.word(key);
		for (final TestTimeAugmentation t : values())
			if (t.name().toLowerCase(Locale.ROOT).equals(k)) return t;
		throw new InvalidInputException("tta must be one of auto, true, false, not '" + key + "'");
	}

	/**
	 * @param model the model's description (how it was trained)
	 * @param megapixels pixels of the whole volume, in millions (a part of it segments as the whole does)
	 */
	public Decision decide(final ModelMetadata model, final double megapixels) {
		if (this == TRUE) return new Decision(true, "tta=true: the 8 flips and rotations of every slice averaged, " +
			"8 times the forward passes");
		if (this == FALSE) return new Decision(false, "tta=false");
		if (!trainedWithFlipsAndRotations(model)) return new Decision(false,
			"auto: the model was trained without flips and rotations");
		final String size = String.format(Locale.ROOT, megapixels < 1 ? "%.2f" : "%.1f", megapixels);
		if (megapixels > AUTO_MEGAPIXELS) return new Decision(false, "auto: " + size + " megapixels to segment, over " +
			AUTO_MEGAPIXELS + "; tta=true averages the 8 flips and rotations of every slice at 8 times the time");
		return new Decision(true, "auto: " + size + " megapixels to segment, at most " + AUTO_MEGAPIXELS + ": the 8 " +
			"flips and rotations of every slice averaged, 8 times the forward passes");
	}

	private static boolean trainedWithFlipsAndRotations(final ModelMetadata model) {
		return model.training() != null && "true".equals(model.training().parameters().get("augment"));
	}
}
