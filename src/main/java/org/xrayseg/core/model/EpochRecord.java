package org.xrayseg.core.model;

import java.util.Map;

/**
 * What one training epoch achieved.
 *
 * @param epoch 1-based epoch number
 * @param losses mean training losses of the epoch by name (e.g. "loss", or
 *          "generator_adversarial", "l1", "discriminator"), in display order
 * @param validationDice Dice of each class on the validation slices (mean over slices)
 * @param meanValidationDice mean of {@code validationDice} over classes
 * @param seconds wall time of the epoch including validation
 */
public record EpochRecord(int epoch, Map<String, Double> losses, double[] validationDice,
	double meanValidationDice, double seconds)
{}
