package org.xrayseg.core.train;

import java.util.Map;

import org.xrayseg.core.error.InvalidInputException;
import org.xrayseg.core.model.NetworkSpec;

/**
 * Settings of a Pix2Pix training run: the common settings (their learning
 * rate is the generator's) and those of the adversarial game.
 *
 * @param common epochs, patches, generator size and learning rate, seed, device
 * @param discriminatorLearningRate initial Adam learning rate of the discriminator
 * @param beta1 Adam's beta1 for both networks
 * @param l1Weight lambda: weight of the L1 loss against the adversarial loss
 * @param residualBlocks residual blocks at the generator's bottleneck
 * @param dropout dropout rate in the generator's decoder
 * @param discriminatorFilters feature maps of the discriminator's first layer; a multiple of
 *          {@link NetworkSpec#CHANNEL_MULTIPLE}
 */
public record Pix2PixOptions(TrainingOptions common, double discriminatorLearningRate, double beta1,
	double l1Weight, int residualBlocks, double dropout, int discriminatorFilters)
{

	/** The discriminator's output shrinks by 8 and loses 2 patches: smaller patches leave nothing to judge. */
	public static final int MIN_PATCH = 32;
	/**
	 * Defaults measured on the synthetic volume (bench/pix2pix-settings.sh): a
	 * generator learning rate of 2e-3 with beta1 0.9 trains fastest, and a
	 * discriminator 10 times slower keeps the game balanced (discriminator loss
	 * near 0.5, steady validation Dice) at the same accuracy.
	 */
	public static final double GENERATOR_LEARNING_RATE = 2e-3;
	public static final double DISCRIMINATOR_LEARNING_RATE = 2e-4;
	public static final double BETA1 = 0.9;
	public static final double L1_WEIGHT = 100;
	public static final int RESIDUAL_BLOCKS = 2;
	public static final double DROPOUT = 0.2;
	public static final int DISCRIMINATOR_FILTERS = 32;

	/**
	 * @return Pix2Pix with its default settings for networks trained with
	 *         {@code common}: the generator learns at Pix2Pix's own default rate,
	 *         not at {@code common}'s
	 */
	public static Pix2PixOptions defaults(final TrainingOptions common) {
		return new Pix2PixOptions(common.withLearningRate(GENERATOR_LEARNING_RATE), DISCRIMINATOR_LEARNING_RATE, BETA1,
			L1_WEIGHT, RESIDUAL_BLOCKS, DROPOUT, DISCRIMINATOR_FILTERS);
	}

	/** @return the same adversarial settings around other common ones */
	public Pix2PixOptions withCommon(final TrainingOptions value) {
		return new Pix2PixOptions(value, discriminatorLearningRate, beta1, l1Weight, residualBlocks, dropout,
			discriminatorFilters);
	}

	/** @throws InvalidInputException naming the first value out of range */
	public void validate() {
		common.validate();
		if (common.patchSize() != TrainingOptions.AUTO && common.patchSize() < MIN_PATCH) throw new InvalidInputException("patch_size must be at least " +
			MIN_PATCH + " for Pix2Pix, not " + common.patchSize());
		if (!(discriminatorLearningRate > 0) || discriminatorLearningRate > 1) throw new InvalidInputException(
			"discriminator_learning_rate must lie in (0, 1], not " + discriminatorLearningRate);
		if (!(beta1 >= 0) || beta1 >= 1) throw new InvalidInputException("beta1 must lie in [0, 1), not " + beta1);
		if (!(l1Weight >= 0)) throw new InvalidInputException("l1_weight must not be negative, not " + l1Weight);
		if (residualBlocks < 0) throw new InvalidInputException("residual_blocks must not be negative");
		if (!(dropout >= 0) || dropout >= 1) throw new InvalidInputException("dropout must lie in [0, 1), not " +
			dropout);
		NetworkSpec.requireSafeWidth("discriminator_filters", discriminatorFilters);
	}

	/** @return the settings by their command keys, for the model's metadata */
	public Map<String, String> asMap() {
		final Map<String, String> m = common.asMap();
		m.put("discriminator_learning_rate", Double.toString(discriminatorLearningRate));
		m.put("beta1", Double.toString(beta1));
		m.put("l1_weight", Double.toString(l1Weight));
		m.put("residual_blocks", Integer.toString(residualBlocks));
		m.put("dropout", Double.toString(dropout));
		m.put("discriminator_filters", Integer.toString(discriminatorFilters));
		return m;
	}
}
