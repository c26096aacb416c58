package org.xrayseg.core.train;

import java.util.LinkedHashMap;
import java.util.Map;

import org.xrayseg.core.error.InvalidInputException;
import org.xrayseg.core.model.NetworkSpec;

/**
 * Settings of a training run, with their defaults and ranges: the one place
 * where they are defined (the commands' keys take theirs from here). Start
 * from {@link #defaults()} and change what differs with the withers, e.g.
 * {@code TrainingOptions.defaults().withEpochs(5).withDevice("cpu")}.
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

	public static final int EPOCHS = 20;
	public static final int MAX_EPOCHS = 10_000;
	public static final int STEPS_PER_EPOCH = 50;
	public static final int MAX_STEPS_PER_EPOCH = 100_000;
	public static final int BATCH_SIZE = 8;
	public static final int MAX_BATCH_SIZE = 256;
	public static final int PATCH_SIZE = 128;
	/** The smallest patch of the shallowest networks; deeper ones need a multiple of 2^depth. */
	public static final int MIN_PATCH_SIZE = 16;
	public static final int MAX_PATCH_SIZE = 2048;
	public static final double LEARNING_RATE = 1e-3;
	public static final int DEPTH = 4;
	public static final int MAX_DEPTH = 6;
	public static final int BASE_FILTERS = 16;
	public static final int MAX_BASE_FILTERS = 256;
	public static final double VALIDATION_FRACTION = 0.2;
	/** Tile side for validation during training: most slices fit into one tile. */
	public static final int VALIDATION_TILE = 1024;
	public static final long SEED = 42;
	public static final String DEVICE = "auto";

	/** @return the default settings */
	public static TrainingOptions defaults() {
		return new TrainingOptions(EPOCHS, STEPS_PER_EPOCH, BATCH_SIZE, PATCH_SIZE, LEARNING_RATE, DEPTH, BASE_FILTERS,
			false, true, VALIDATION_FRACTION, VALIDATION_TILE, SEED, DEVICE, 0);
	}

	public TrainingOptions withEpochs(final int value) {
		return new TrainingOptions(value, stepsPerEpoch, batchSize, patchSize, learningRate, depth, baseFilters,
			diceLoss, augment, validationFraction, tileSize, seed, device, noiseAugmentation);
	}

	public TrainingOptions withStepsPerEpoch(final int value) {
		return new TrainingOptions(epochs, value, batchSize, patchSize, learningRate, depth, baseFilters, diceLoss,
			augment, validationFraction, tileSize, seed, device, noiseAugmentation);
	}

	public TrainingOptions withBatchSize(final int value) {
		return new TrainingOptions(epochs, stepsPerEpoch, value, patchSize, learningRate, depth, baseFilters,
			diceLoss, augment, validationFraction, tileSize, seed, device, noiseAugmentation);
	}

	public TrainingOptions withPatchSize(final int value) {
		return new TrainingOptions(epochs, stepsPerEpoch, batchSize, value, learningRate, depth, baseFilters,
			diceLoss, augment, validationFraction, tileSize, seed, device, noiseAugmentation);
	}

	public TrainingOptions withLearningRate(final double value) {
		return new TrainingOptions(epochs, stepsPerEpoch, batchSize, patchSize, value, depth, baseFilters, diceLoss,
			augment, validationFraction, tileSize, seed, device, noiseAugmentation);
	}

	/** @return the same settings with another network size: depth and base filters */
	public TrainingOptions withNetwork(final int depthValue, final int baseFiltersValue) {
		return new TrainingOptions(epochs, stepsPerEpoch, batchSize, patchSize, learningRate, depthValue,
			baseFiltersValue, diceLoss, augment, validationFraction, tileSize, seed, device, noiseAugmentation);
	}

	public TrainingOptions withDiceLoss(final boolean value) {
		return new TrainingOptions(epochs, stepsPerEpoch, batchSize, patchSize, learningRate, depth, baseFilters,
			value, augment, validationFraction, tileSize, seed, device, noiseAugmentation);
	}

	/** @return the same settings with or without flips and rotations, and with noise of up to {@code noise} */
	public TrainingOptions withAugmentation(final boolean flipsAndRotations, final double noise) {
		return new TrainingOptions(epochs, stepsPerEpoch, batchSize, patchSize, learningRate, depth, baseFilters,
			diceLoss, flipsAndRotations, validationFraction, tileSize, seed, device, noise);
	}

	public TrainingOptions withValidationFraction(final double value) {
		return new TrainingOptions(epochs, stepsPerEpoch, batchSize, patchSize, learningRate, depth, baseFilters,
			diceLoss, augment, value, tileSize, seed, device, noiseAugmentation);
	}

	/** @return the same settings with another validation tile side (0: whole slices) */
	public TrainingOptions withTileSize(final int value) {
		return new TrainingOptions(epochs, stepsPerEpoch, batchSize, patchSize, learningRate, depth, baseFilters,
			diceLoss, augment, validationFraction, value, seed, device, noiseAugmentation);
	}

	public TrainingOptions withSeed(final long value) {
		return new TrainingOptions(epochs, stepsPerEpoch, batchSize, patchSize, learningRate, depth, baseFilters,
			diceLoss, augment, validationFraction, tileSize, value, device, noiseAugmentation);
	}

	public TrainingOptions withDevice(final String value) {
		return new TrainingOptions(epochs, stepsPerEpoch, batchSize, patchSize, learningRate, depth, baseFilters,
			diceLoss, augment, validationFraction, tileSize, seed, value, noiseAugmentation);
	}

	/** @throws InvalidInputException naming the first value out of range */
	public void validate() {
		inRange("epochs", epochs, 1, MAX_EPOCHS);
		inRange("steps_per_epoch", stepsPerEpoch, 1, MAX_STEPS_PER_EPOCH);
		inRange("batch_size", batchSize, 1, MAX_BATCH_SIZE);
		if (depth < 1 || depth > MAX_DEPTH) throw new InvalidInputException("depth must lie in 1.." + MAX_DEPTH +
			", not " + depth);
		NetworkSpec.requireSafeWidth("base_filters", baseFilters);
		inRange("base_filters", baseFilters, NetworkSpec.CHANNEL_MULTIPLE, MAX_BASE_FILTERS);
		final int multiple = 1 << depth;
		if (patchSize < multiple || patchSize % multiple != 0) throw new InvalidInputException("patch_size must be a " +
			"positive multiple of 2^depth = " + multiple + ", not " + patchSize);
		inRange("patch_size", patchSize, MIN_PATCH_SIZE, MAX_PATCH_SIZE);
		if (!(learningRate > 0) || learningRate > 1) throw new InvalidInputException(
			"learning_rate must lie in (0, 1], not " + learningRate);
		if (!(noiseAugmentation >= 0) || noiseAugmentation > 1) throw new InvalidInputException(
			"noise_augmentation must lie in [0, 1], not " + noiseAugmentation);
		if (!(validationFraction > 0) || validationFraction >= 1) throw new InvalidInputException(
			"validation_fraction must lie in (0, 1), not " + validationFraction);
	}

	private static void inRange(final String key, final int value, final int min, final int max) {
		if (value < min) throw new InvalidInputException(key + " must be at least " + min + ", not " + value);
		if (value > max) throw new InvalidInputException(key + " must be at most " + max + ", not " + value);
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
