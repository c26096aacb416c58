package org.xrayseg.core.infer;

import java.util.Locale;

import org.xrayseg.core.data.Normalization;
import org.xrayseg.core.io.SliceSource;
import org.xrayseg.core.progress.ProgressListener;

/**
 * Warns, once per input, when the grey values of a volume to segment lie far
 * outside those the model was trained on: a model with one global
 * normalisation would then see values it never learnt, and fail silently.
 */
final class InputCheck {

	private static final int CHECK_SAMPLES = 1 << 16;

	private InputCheck() {}

	/** Compares the middle slice's grey range with the training images'. */
	static void warnIfUnlikeTraining(final SliceSource input, final Normalization normalization,
		final ProgressListener progress)
	{
		if (normalization.mode() != Normalization.Mode.GLOBAL) return;
		final int middle = input.size() / 2;
		// a warning needs the range roughly: 2^16 pixels, not the 2 million of a normalisation
		final double[] range = Normalization.percentiles(input.slice(middle), input.describe(middle), CHECK_SAMPLES);
		if (range[1] > range[0] && Normalization.unlike(range[0], range[1], normalization.low(), normalization.high())) progress.message(
			String.format(Locale.ROOT, "Warning: the grey values of %s (%.4g .. %.4g) lie far outside those of the " +
				"training images (%.4g .. %.4g): the segmentation may fail. Train on images of this kind, or with " +
				"normalisation=per_image", input.name(), range[0], range[1], normalization.low(), normalization.high()));
	}
}
