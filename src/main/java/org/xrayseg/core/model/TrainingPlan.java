package org.xrayseg.core.model;

import java.util.List;
import java.util.Locale;

/**
 * What the planning step of a training run decided from the data, the time
 * budget and the speed of the machine (or took from the user's keys), and
 * why: printed when training starts, stored in the model file and read back
 * with it, as nnU-Net's planner writes one plans file.
 *
 * @param patchSize side of the square training patches
 * @param batchSize patches per step
 * @param stepsPerEpoch steps between two validations
 * @param epochs epochs of each network (the learning rate decays along a cosine over all of them)
 * @param depth down-sampling steps of the network
 * @param baseFilters feature maps at full resolution
 * @param folds networks trained on folds of the labelled slices (cross-validation ensemble); 1: one network
 * @param selection how the kept weights are chosen: {@value #AVERAGE} or {@value #LAST}
 * @param averagedEpochs with {@value #AVERAGE}: the weights after each of this many last epochs are averaged
 * @param rarePatchShare share of the patches centred on a pixel of a phase drawn uniformly (rare phases seen more)
 * @param timeBudgetSeconds the time the plan was fitted into
 * @param secondsPerStep the measured time of one training step, NaN where nothing was measured
 * @param normalisation the grey-value mapping's mode: "global" or "per_image" (null in plans of earlier versions:
 *          unknown)
 * @param contextSlices neighbouring slices on each side the network sees (2.5D), 0 for none (null in plans of
 *          earlier versions: unknown)
 * @param loss the loss the network trains with (null for Pix2Pix, whose losses are fixed, and in plans of earlier
 *          versions: unknown)
 * @param reasons one line per decision, saying why
 * @param validationPixels the validation pixels scored after each epoch: evenly spaced validation slices of about
 *          this many pixels (at least 12, or all); 0 for every slice (as in plans of earlier versions)
 */
public record TrainingPlan(int patchSize, int batchSize, int stepsPerEpoch, int epochs, int depth, int baseFilters,
	int folds, String selection, int averagedEpochs, double rarePatchShare, double timeBudgetSeconds,
	double secondsPerStep, String normalisation, Integer contextSlices, Loss loss, List<String> reasons,
	long validationPixels)
{

	/**
	 * The U-Net's loss as decided from the data.
	 *
	 * @param classWeights each phase's cross-entropy weight (median-frequency balancing), or null for plain
	 *          cross-entropy
	 * @param dice whether the soft Dice is added
	 * @param smoothness whether the grey-value smoothness term is added (sparse labels)
	 * @param fit whether the fit of the image formation is added
	 * @param description e.g. "cross-entropy weighted by phase rarity (0.87, 1.00, 2.31) + soft Dice"
	 */
	public record Loss(float[] classWeights, boolean dice, boolean smoothness, boolean fit, String description) {}

	/** Keep the mean of the weights after each of the last epochs (stochastic weight averaging). */
	public static final String AVERAGE = "average";
	/** Keep the weights after the last epoch. */
	public static final String LAST = "last";
	/** The start of the reason line of the loss. */
	public static final String LOSS = "Loss: ";

	/** @return the optimiser steps of each network */
	public long steps() {
		return (long) epochs * stepsPerEpoch;
	}

	/** @return e.g. "Plan: 2 folds x 2000 steps (40 epochs of 50), patches of 128 x 128, 8 per step, ..." */
	public String describe() {
		return String.format(Locale.ROOT,
			"Plan: %s%d steps (%d epochs of %d), patches of %d x %d, %d per step, U-Net depth %d with %d filters, " +
				"keep %s",
			folds > 1 ? folds + " networks on folds x " : "", steps(), epochs, stepsPerEpoch, patchSize, patchSize,
			batchSize, depth, baseFilters, AVERAGE.equals(selection) ? "the mean weights of the last " +
				averagedEpochs + " epoch" + (averagedEpochs == 1 ? "" : "s") : "the last epoch");
	}

	/** @return a copy with another loss (and its reason line) */
	public TrainingPlan withLoss(final Loss l) {
		return new TrainingPlan(patchSize, batchSize, stepsPerEpoch, epochs, depth, baseFilters, folds, selection,
			averagedEpochs, rarePatchShare, timeBudgetSeconds, secondsPerStep, normalisation, contextSlices, l, reasons
				.stream().map(r -> r.startsWith(LOSS) ? LOSS + l.description() : r).toList(), validationPixels);
	}

	/** @return a copy with {@code n} networks on folds */
	public TrainingPlan withFolds(final int n) {
		return new TrainingPlan(patchSize, batchSize, stepsPerEpoch, epochs, depth, baseFilters, n, selection,
			averagedEpochs, rarePatchShare, timeBudgetSeconds, secondsPerStep, normalisation, contextSlices, loss,
			reasons, validationPixels);
	}
}
