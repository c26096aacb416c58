package org.xrayseg.core.model;

import java.util.List;
import java.util.Map;

/**
 * How a model was trained.
 *
 * @param parameters the training parameters by key, as the user gave them
 * @param history one record per epoch
 * @param bestEpoch the epoch whose weights were kept (best validation Dice); 0: the initial model, which no epoch bettered
 * @param seconds total training time
 * @param device the device it ran on, e.g. "cpu()"
 * @param stopReason why training ended, e.g. "no better validation Dice for 8 epochs"
 */
public record TrainingSummary(Map<String, String> parameters, List<EpochRecord> history, int bestEpoch,
	double seconds, String device, String stopReason)
{}
