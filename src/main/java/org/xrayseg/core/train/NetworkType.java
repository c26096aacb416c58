package org.xrayseg.core.train;

import java.util.Locale;

import org.xrayseg.core.data.TrainingData;
import org.xrayseg.core.error.InvalidInputException;
import org.xrayseg.core.model.SegmentationModel;
import org.xrayseg.core.progress.ProgressListener;

/** The kinds of network the studies train, with their default settings. */
public enum NetworkType {

	UNET("U-Net"), PIX2PIX("Pix2Pix");

	private final String label;

	NetworkType(final String label) {
		this.label = label;
	}

	/** @param key "unet" or "pix2pix" */
	public static NetworkType of(final String key) {
		try {
			return valueOf(key.trim().toUpperCase(Locale.ROOT));
		}
		catch (final IllegalArgumentException | NullPointerException e) {
			throw new InvalidInputException("network must be unet or pix2pix, not '" + key + "'");
		}
	}

	public String label() {
		return label;
	}

	/**
	 * Trains this kind of network with {@code options} (for Pix2Pix, the default
	 * adversarial settings and generator learning rate).
	 */
	public SegmentationModel train(final TrainingData data, final TrainingOptions options,
		final ProgressListener progress)
	{
		if (this == UNET) return UNetTrainer.train(data, options, progress);
		return Pix2PixTrainer.train(data, Pix2PixOptions.defaults(options), progress);
	}
}
