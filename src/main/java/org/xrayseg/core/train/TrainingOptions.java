package org.xrayseg.core.train;

import java.util.LinkedHashMap;
import java.util.Map;

import org.xrayseg.core.error.InvalidInputException;
import org.xrayseg.core.model.NetworkSpec;

/**
 * Settings of a training run.
 *
 * @param epochs number of epochs
 * @param stepsPerEpoch optimiser steps (batches of random patches) per epoch
 * @param batchSize patches per step
 * @param patchSize side of the square patches; a multiple of 2^depth
 * @param learningRate initial Adam learning rate (cosine decay to 5% of it)
 * @param depth U-Net depth (pooling steps)
 * @param baseFilters feature maps at full resolution; a multiple of {@link NetworkSpec#CHANNEL_MULTIPLE}
 * @param diceLoss add a soft Dice loss to the cross-entropy
 * @param augment random flips and 90-degree rotations
 * @param validationFraction slab split off the end when no validation images are given
 * @param tileSize tile side used to predict the validation slices (0: whole slice)
 * @param seed seed of all random choices; the same seed gives the same model on the same machine
 * @param device "auto", "cpu" or "gpu"
 * @param noiseAugmentation adds Gaussian noise of a random standard deviation up to this (in units of
 *          the normalised grey range) to every training patch; 0 for none
 */
public record TrainingOptions(int epochs, int stepsPerEpoch, int batchSize, int patchSize, double learningRate,
	int depth, int baseFilters, boolean diceLoss, boolean augment, double validationFraction, int tileSize,
	long seed, String device, double noiseAugmentation)
{

	/** Settings without noise augmentation. */
	public TrainingOptions(final int epochs, final int stepsPerEpoch, final int batchSize, final int patchSize,
		final double learningRate, final int depth, final int baseFilters, final boolean diceLoss,
		final boolean augment, final double validationFraction, final int tileSize, final long seed,
		final String device)
	{
		this(epochs, stepsPerEpoch, batchSize, patchSize, learningRate, depth, baseFilters, diceLoss, augment,
			validationFraction, tileSize, seed, device, 0);
	}

	/** @return the same settings with another initial learning rate */
	public TrainingOptions withLearningRate(final double rate) {
		return new TrainingOptions(epochs, stepsPerEpoch, batchSize, patchSize, rate, depth, baseFilters, diceLoss,
			augment, validationFraction, tileSize, seed, device, noiseAugmentation);
	}

	/** @throws InvalidInputException naming the first value out of range */
	public void validate() {
		positive("epochs", epochs);
		positive("steps_per_epoch", stepsPerEpoch);
		positive("batch_size", batchSize);
		if (depth < 1 || depth > 6) throw new InvalidInputException("depth must lie in 1..6, not " + depth);
		NetworkSpec.requireSafeWidth("base_filters", baseFilters);
		final int multiple = 1 << depth;
		if (patchSize < multiple || patchSize % multiple != 0) throw new InvalidInputException("patch_size must be a " +
			"positive multiple of 2^depth = " + multiple + ", not " + patchSize);
		if (!(learningRate > 0) || learningRate > 1) throw new InvalidInputException(
			"learning_rate must lie in (0, 1], not " + learningRate);
		if (!(noiseAugmentation >= 0) || noiseAugmentation > 1) throw new InvalidInputException(
			"noise_augmentation must lie in [0, 1], not " + noiseAugmentation);
		if (!(validationFraction > 0) || validationFraction >= 1) throw new InvalidInputException(
			"validation_fraction must lie in (0, 1), not " + validationFraction);
	}

	private static void positive(final String key, final int value) {
		if (value < 1) throw new InvalidInputException(key + " must be at least 1, not " + value);
	}

	/** @return the settings by their command keys, for the model's metadata */
	public Map<String, String> asMap() {
		final Map<String, String> m = new LinkedHashMap<>();
		m.put("epochs", Integer.toString(epochs));
		m.put("steps_per_epoch", Integer.toString(stepsPerEpoch));
		m.put("batch_size", Integer.toString(batchSize));
		m.put("patch_size", Integer.toString(patchSize));
		m.put("learning_rate", Double.toString(learningRate));
		m.put("depth", Integer.toString(depth));
		m.put("base_filters", Integer.toString(baseFilters));
		m.put("dice_loss", Boolean.toString(diceLoss));
		m.put("augment", Boolean.toString(augment));
		m.put("validation_fraction", Double.toString(validationFraction));
		m.put("seed", Long.toString(seed));
		m.put("device", device);
		m.put("noise_augmentation", Double.toString(noiseAugmentation));
		return m;
	}
}
