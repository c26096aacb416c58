package org.xrayseg.core.train;

import java.util.Locale;

import org.xrayseg.core.choice.Aliases;
import org.xrayseg.core.error.InvalidInputException;

/**
 * Which grey-value changes training patches get (key {@code intensity_augmentation};
 * {@link IntensityAugmentation}). Measured on seven data sets (bench/RESULTS.md, issue
 * 22): the random brightness, contrast and gamma cost accuracy, most for a phase whose
 * grey lies between two others (it is that grey they move), while noise and blur keep
 * the network whole on noisier or blurred slices. So noise and blur are the default.
 */
public enum GreyAugmentation {

	/** Noise and blur. */
	NOISE,
	/** Brightness, contrast and gamma too: for models meant for scans unlike the labelled ones. */
	ALL,
	/** None. */
	NONE;

	/** @return the key's value: noise, all or none */
	public String key() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** The values of earlier versions, whose key was a checkbox, as the choices they name now. */
	public static final String EARLIER_VALUES = "true=all,false=none";

	/** @return the setting named by a key value: noise, all, none, or one of {@link #EARLIER_VALUES} */
	public static GreyAugmentation parse(final String key) {
		final String k = Aliases.resolve(EARLIER_VALUES, key == null ? "" : key.trim().toLowerCase(Locale.ROOT));
		for (final GreyAugmentation g : values())
			if (g.key().equals(k)) return g;
		throw new InvalidInputException("intensity_augmentation must be one of noise, all, none, not '" + key + "'");
	}
}
