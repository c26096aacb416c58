package org.xrayseg.core.model;

import java.util.List;
import java.util.Map;

/**
 * How a model was trained.
 *
 * @param parameters the training parameters by key, as the user gave them
 * @param history one record per epoch (of every fold, for an ensemble)
 * @param bestEpoch the last epoch whose weights are in the kept model; 0: the initial model, which the training did
 *          not better
 * @param seconds total training time
 * @param device the device it ran on, e.g. "cpu()"
 * @param stopReason why training ended, e.g. "all 40 epochs trained"
 * @param kept which weights were kept, e.g. "the mean weights of epochs 33-40" (null in models of earlier versions:
 *          the epoch with the best validation Dice)
 * @param keptValidationDice the mean validation Dice of the kept weights (NaN if unknown)
 */
public record TrainingSummary(Map<String, String> parameters, List<EpochRecord> history, int bestEpoch,
	double seconds, String device, String stopReason, String kept, double keptValidationDice)
{}
