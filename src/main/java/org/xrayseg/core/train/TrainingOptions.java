package org.xrayseg.core.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.xrayseg.core.choice.Auto;
import org.xrayseg.core.data.ContextChoice;
import org.xrayseg.core.data.LabelCoding;
import org.xrayseg.core.data.TrainingData;
import org.xrayseg.core.error.InvalidInputException;
import org.xrayseg.core.infer.Precision;
import org.xrayseg.core.model.ModelMetadata;
import org.xrayseg.core.model.NetworkSpec;

/**
 * Settings of a training run, with their defaults and ranges: the one place
 * where they are defined (the commands' keys take theirs from here).
 * Immutable: start from {@link #defaults()} and change what differs with the
 * withers, e.g. {@code TrainingOptions.defaults().withEpochs(5).withDevice("cpu")}.
 * Sizes given as 0 ({@link #AUTO}) and "auto" choices are made from the data,
 * the time budget and the speed of the machine by {@link Planner}.
 */
public final class TrainingOptions implements Cloneable {

	/** A size of 0 is chosen from the data. */
	public static final int AUTO = Auto.NUMBER;
	/** Epochs: chosen by the plan. */
	public static final int EPOCHS = AUTO;
	public static final int MAX_EPOCHS = 10_000;
	public static final int MAX_STEPS_PER_EPOCH = 100_000;
	public static final int MAX_BATCH_SIZE = 256;
	/** The smallest patch of the shallowest networks; deeper ones need a multiple of 2^depth. */
	public static final int MIN_PATCH_SIZE = 16;
	public static final int MAX_PATCH_SIZE = 2048;
	public static final double LEARNING_RATE = 1e-3;
	/** Depth: chosen by the plan. */
	public static final int DEPTH = AUTO;
	public static final int MAX_DEPTH = 6;
	/** Base filters: chosen by the plan. */
	public static final int BASE_FILTERS = AUTO;
	public static final int MAX_BASE_FILTERS = 256;
	public static final double VALIDATION_FRACTION = 0.2;
	/** Tile side for validation during training: most slices fit into one tile. */
	public static final int VALIDATION_TILE = 1024;
	public static final long SEED = 42;
	public static final String DEVICE = "auto";
	/** Epochs without a better (smoothed) validation Dice before training winds down; 0: the plan's length. */
	public static final int PATIENCE = 0;
	/** Folds: chosen by the plan (1: one network). */
	public static final int FOLDS = AUTO;
	public static final int MAX_FOLDS = org.xrayseg.core.model.SegmentationModel.MAX_NETWORKS;
	/** Time budget: the plan's default ({@link Planner#DEFAULT_BUDGET_SECONDS}). */
	public static final double TIME_BUDGET = AUTO;
	/** The longest time budget accepted: a week. */
	public static final double MAX_TIME_BUDGET = 7 * 24 * 3600;
	public static final int MAX_CONTEXT_SLICES = 5;
	public static final List<String> NORMALISATIONS = List.of(Auto.KEY, "global", "per_image");
	public static final List<String> CLASS_BALANCES = List.of(Auto.KEY, "on", "off");

	private int epochs = EPOCHS;
	private int stepsPerEpoch = AUTO;
	private int batchSize = AUTO;
	private int patchSize = AUTO;
	private double learningRate = LEARNING_RATE;
	private int depth = DEPTH;
	private int baseFilters = BASE_FILTERS;
	private boolean diceLoss;
	private String classBalance = Auto.KEY;
	private boolean augment = true;
	private GreyAugmentation intensityAugmentation = GreyAugmentation.NOISE;
	private boolean elastic;
	private double noiseAugmentation;
	private double validationFraction = VALIDATION_FRACTION;
	private int tileSize = VALIDATION_TILE;
	private long seed = SEED;
	private String device = DEVICE;
	private String normalisation = Auto.KEY;
	private int patience = PATIENCE;
	private int contextSlices = ContextChoice.AUTO;
	private int unlabelled = LabelCoding.NO_UNLABELLED;
	private String labelledSlices = "";
	private String initialModel = "";
	private int folds = FOLDS;
	private double timeBudget = TIME_BUDGET;
	private Precision precision = Precision.AUTO;

	private TrainingOptions() {}

	/** @return the default settings */
	public static TrainingOptions defaults() {
		return new TrainingOptions();
	}

	private TrainingOptions copy() {
		try {
			return (TrainingOptions) clone();
		}
		catch (final CloneNotSupportedException e) {
			throw new AssertionError(e);
		}
	}

	/** @param value upper bound of the number of epochs */
	public TrainingOptions withEpochs(final int value) {
		final TrainingOptions o = copy();
		o.epochs = value;
		return o;
	}

	/** @param value optimiser steps per epoch, or {@link #AUTO} */
	public TrainingOptions withStepsPerEpoch(final int value) {
		final TrainingOptions o = copy();
		o.stepsPerEpoch = value;
		return o;
	}

	/** @param value patches per step, or {@link #AUTO} */
	public TrainingOptions withBatchSize(final int value) {
		final TrainingOptions o = copy();
		o.batchSize = value;
		return o;
	}

	/** @param value side of the square patches (a multiple of 2^depth), or {@link #AUTO} */
	public TrainingOptions withPatchSize(final int value) {
		final TrainingOptions o = copy();
		o.patchSize = value;
		return o;
	}

	/** @param value initial Adam learning rate (cosine decay to 5% of it) */
	public TrainingOptions withLearningRate(final double value) {
		final TrainingOptions o = copy();
		o.learningRate = value;
		return o;
	}

	/** @return the same settings with another network size: depth and base filters */
	public TrainingOptions withNetwork(final int depthValue, final int baseFiltersValue) {
		final TrainingOptions o = copy();
		o.depth = depthValue;
		o.baseFilters = baseFiltersValue;
		return o;
	}

	/**
	 * @param dice add a soft Dice loss to the cross-entropy
	 * @param balance weigh the cross-entropy by the phases' rarity (and add
	 *          Dice): "on", "off", or "auto" (on when phase frequencies differ)
	 */
	public TrainingOptions withLoss(final boolean dice, final String balance) {
		final TrainingOptions o = copy();
		o.diceLoss = dice;
		o.classBalance = balance;
		return o;
	}

	public TrainingOptions withDiceLoss(final boolean value) {
		return withLoss(value, classBalance);
	}

	/**
	 * @param flipsAndRotations the 8 symmetries of the square
	 * @param intensity noise and blur, or brightness, contrast and gamma too, in safe ranges
	 * @param noise Gaussian noise of a random strength up to this, on top (0: none)
	 * @param elasticDeformation smooth random warps
	 */
	public TrainingOptions withAugmentation(final boolean flipsAndRotations, final GreyAugmentation intensity,
		final double noise, final boolean elasticDeformation)
	{
		final TrainingOptions o = copy();
		o.augment = flipsAndRotations;
		o.intensityAugmentation = intensity;
		o.noiseAugmentation = noise;
		o.elastic = elasticDeformation;
		return o;
	}

	/** @param value slab split off each source's end when no validation images are given */
	public TrainingOptions withValidationFraction(final double value) {
		final TrainingOptions o = copy();
		o.validationFraction = value;
		return o;
	}

	/** @param value tile side for validation (0: whole slices) */
	public TrainingOptions withTileSize(final int value) {
		final TrainingOptions o = copy();
		o.tileSize = value;
		return o;
	}

	public TrainingOptions withSeed(final long value) {
		final TrainingOptions o = copy();
		o.seed = value;
		return o;
	}

	/** @param value "auto", "cpu" or "gpu" */
	public TrainingOptions withDevice(final String value) {
		final TrainingOptions o = copy();
		o.device = value;
		return o;
	}

	/**
	 * @param value "auto", "float32" or "bfloat16": the number format of the forward and backward passes (the
	 *          weights, the optimiser and the loss stay float32)
	 * @throws InvalidInputException for another value
	 */
	public TrainingOptions withPrecision(final String value) {
		final TrainingOptions o = copy();
		o.precision = Precision.parse(value);
		return o;
	}

	/** @param value "auto", "global" or "per_image" */
	public TrainingOptions withNormalisation(final String value) {
		final TrainingOptions o = copy();
		o.normalisation = value;
		return o;
	}

	/** @param value epochs without a better validation Dice before stopping (0: never stop early) */
	public TrainingOptions withPatience(final int value) {
		final TrainingOptions o = copy();
		o.patience = value;
		return o;
	}

	/**
	 * @param value the neighbouring slices on each side fed as extra input channels (2.5D), 0 for none, or
	 *          "auto": one for slices of a volume, else none (see {@link ContextChoice})
	 * @throws InvalidInputException for another text
	 */
	public TrainingOptions withContextSlices(final String value) {
		if (Auto.is(value)) return withContextSlices(ContextChoice.AUTO);
		try {
			return withContextSlices(Integer.parseInt(value.trim()));
		}
		catch (final NumberFormatException e) {
			throw new InvalidInputException("context_slices must be auto or a number from 0 to " + MAX_CONTEXT_SLICES +
				", not '" + value + "'");
		}
	}

	/** @param value as {@link #withContextSlices(String)}, {@link ContextChoice#AUTO} for "auto" */
	public TrainingOptions withContextSlices(final int value) {
		final TrainingOptions o = copy();
		o.contextSlices = value;
		return o;
	}

	/**
	 * @param value the label value that means "not annotated" (scribbles, sparse
	 *          labels), or {@link LabelCoding#NO_UNLABELLED}
	 */
	public TrainingOptions withUnlabelled(final int value) {
		final TrainingOptions o = copy();
		o.unlabelled = value;
		return o;
	}

	/** @param value the image slice of each label slice, e.g. "10,250,900"; empty: see {@link TrainingData.Settings} */
	public TrainingOptions withLabelledSlices(final String value) {
		final TrainingOptions o = copy();
		o.labelledSlices = value == null ? "" : value;
		return o;
	}

	/** @param value a model file to continue training from (fine-tuning), or empty */
	public TrainingOptions withInitialModel(final String value) {
		final TrainingOptions o = copy();
		o.initialModel = value == null ? "" : value;
		return o;
	}

	/** @param value networks trained on folds of the labelled slices (1: one network), or {@link #AUTO} */
	public TrainingOptions withFolds(final int value) {
		final TrainingOptions o = copy();
		o.folds = value;
		return o;
	}

	/**
	 * @param value "auto" or a number of folds from 1 (one network) to {@link #MAX_FOLDS}
	 * @throws InvalidInputException for another text
	 */
	public TrainingOptions withFolds(final String value) {
		if (Auto.is(value)) return withFolds(AUTO);
		try {
			final int n = Integer.parseInt(value.trim());
			if (n >= 1) return withFolds(n);
		}
		catch (final NumberFormatException e) {
			// the message below says what is expected
		}
		throw new InvalidInputException("folds must be auto or a number from 1 (one network) to " + MAX_FOLDS +
			", not '" + value + "'");
	}

	/** @param seconds the time training may take, or {@link #AUTO} for the plan's default */
	public TrainingOptions withTimeBudget(final double seconds) {
		final TrainingOptions o = copy();
		o.timeBudget = seconds;
		return o;
	}

	/** @param value "auto", or a duration such as 30m, 2h, 1h30m, 900s (a plain number: minutes) */
	public TrainingOptions withTimeBudget(final String value) {
		return withTimeBudget(Durations.parse("time_budget", value));
	}

	public int folds() {
		return folds;
	}

	/** @return the time budget in seconds, or {@link #AUTO} */
	public double timeBudget() {
		return timeBudget;
	}

	public int unlabelled() {
		return unlabelled;
	}

	public String labelledSlices() {
		return labelledSlices;
	}

	public String initialModel() {
		return initialModel;
	}

	/**
	 * @param initial the model training continues from, or null
	 * @return how to read the training data with these settings
	 */
	public TrainingData.Settings dataSettings(final ModelMetadata initial) {
		// the initial model's network fixes the context its weights need
		return new TrainingData.Settings(validationFraction, normalisation, initial == null ? contextSlices : initial
			.network().contextSlices(), unlabelled, labelledSlices,
			initial == null ? null : initial.normalization(), initial == null ? null : initial.coding());
	}

	public int epochs() {
		return epochs;
	}

	public int stepsPerEpoch() {
		return stepsPerEpoch;
	}

	public int batchSize() {
		return batchSize;
	}

	public int patchSize() {
		return patchSize;
	}

	public double learningRate() {
		return learningRate;
	}

	public int depth() {
		return depth;
	}

	public int baseFilters() {
		return baseFilters;
	}

	public boolean diceLoss() {
		return diceLoss;
	}

	public String classBalance() {
		return classBalance;
	}

	public boolean augment() {
		return augment;
	}

	public GreyAugmentation intensityAugmentation() {
		return intensityAugmentation;
	}

	public boolean elastic() {
		return elastic;
	}

	public double noiseAugmentation() {
		return noiseAugmentation;
	}

	public double validationFraction() {
		return validationFraction;
	}

	public int tileSize() {
		return tileSize;
	}

	public long seed() {
		return seed;
	}

	public String device() {
		return device;
	}

	/** @return the number format of the passes, {@link Precision#AUTO} until the plan chose it */
	public Precision precision() {
		return precision;
	}

	public String normalisation() {
		return normalisation;
	}

	public int patience() {
		return patience;
	}

	public int contextSlices() {
		return contextSlices;
	}

	/** @throws InvalidInputException naming the first value out of range */
	public void validate() {
		autoOrInRange("epochs", epochs, 1, MAX_EPOCHS);
		autoOrInRange("steps_per_epoch", stepsPerEpoch, 1, MAX_STEPS_PER_EPOCH);
		autoOrInRange("batch_size", batchSize, 1, MAX_BATCH_SIZE);
		autoOrInRange("depth", depth, 1, MAX_DEPTH);
		if (baseFilters != AUTO) {
			NetworkSpec.requireSafeWidth("base_filters", baseFilters);
			inRange("base_filters", baseFilters, NetworkSpec.CHANNEL_MULTIPLE, MAX_BASE_FILTERS);
		}
		final int multiple = 1 << (depth == AUTO ? Planner.DEPTH : depth);
		if (patchSize != AUTO && (patchSize < multiple || patchSize % multiple != 0)) throw new InvalidInputException(
			"patch_size must be a positive multiple of 2^depth = " + multiple + " (or auto), not " + patchSize);
		autoOrInRange("folds", folds, 1, MAX_FOLDS);
		if (timeBudget != AUTO && (!(timeBudget >= 1) || timeBudget > MAX_TIME_BUDGET)) throw new InvalidInputException(
			"time_budget must lie between 1 second and a week, not " + timeBudget + " s");
		if (patchSize != AUTO) inRange("patch_size", patchSize, MIN_PATCH_SIZE, MAX_PATCH_SIZE);
		if (!(learningRate > 0) || learningRate > 1) throw new InvalidInputException(
			"learning_rate must lie in (0, 1], not " + learningRate);
		if (!(noiseAugmentation >= 0) || noiseAugmentation > 1) throw new InvalidInputException(
			"noise_augmentation must lie in [0, 1], not " + noiseAugmentation);
		if (!(validationFraction > 0) || validationFraction >= 1) throw new InvalidInputException(
			"validation_fraction must lie in (0, 1), not " + validationFraction);
		inRange("patience", patience, 0, MAX_EPOCHS);
		if (contextSlices != ContextChoice.AUTO) inRange("context_slices", contextSlices, 0, MAX_CONTEXT_SLICES);
		oneOf("normalisation", normalisation, NORMALISATIONS);
		oneOf("class_balance", classBalance, CLASS_BALANCES);
		inRange("unlabelled", unlabelled, LabelCoding.NO_UNLABELLED, 65535);
	}

	/** As {@link #inRange}, where {@link #AUTO} is allowed too */
	private static void autoOrInRange(final String key, final int value, final int min, final int max) {
		if (value != AUTO && (value < min || value > max)) throw new InvalidInputException(key + " must be auto or " +
			min + " to " + max + ", not " + value);
	}

	private static void inRange(final String key, final int value, final int min, final int max) {
		if (value < min) throw new InvalidInputException(key + " must be at least " + min + ", not " + value);
		if (value > max) throw new InvalidInputException(key + " must be at most " + max + ", not " + value);
	}

	private static void oneOf(final String key, final String value, final List<String> choices) {
		if (!choices.contains(value)) throw new InvalidInputException(key + " must be one of " + String.join(", ",
			choices) + ", not '" + value + "'");
	}

	/** @return the settings by their command keys, for the model's metadata and checkpoints */
	public Map<String, String> asMap() {
		final Map<String, String> m = new LinkedHashMap<>();
		m.put("epochs", Auto.format(epochs));
		m.put("steps_per_epoch", Auto.format(stepsPerEpoch));
		m.put("batch_size", Auto.format(batchSize));
		m.put("patch_size", Auto.format(patchSize));
		m.put("learning_rate", Double.toString(learningRate));
		m.put("depth", Auto.format(depth));
		m.put("base_filters", Auto.format(baseFilters));
		m.put("dice_loss", Boolean.toString(diceLoss));
		m.put("class_balance", classBalance);
		m.put("augment", Boolean.toString(augment));
		m.put("intensity_augmentation", intensityAugmentation.key());
		m.put("elastic", Boolean.toString(elastic));
		m.put("noise_augmentation", Double.toString(noiseAugmentation));
		m.put("validation_fraction", Double.toString(validationFraction));
		m.put("seed", Long.toString(seed));
		m.put("device", device);
		m.put("precision", precision.key());
		m.put("normalisation", normalisation);
		m.put("patience", Integer.toString(patience));
		m.put("context_slices", Auto.format(contextSlices));
		m.put("unlabelled", Integer.toString(unlabelled));
		m.put("labelled_slices", labelledSlices);
		m.put("initial_model", initialModel);
		m.put("folds", Auto.format(folds));
		m.put("time_budget", timeBudget == AUTO ? Auto.KEY : Durations.format(timeBudget));
		return m;
	}
}
