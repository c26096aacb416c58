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
 * @param fold the fold of a cross-validation ensemble (1-based), 0 for a single network
 * @param kept whether the weights after this epoch are part of the kept model (false in models of earlier
 *          versions, which kept {@link TrainingSummary#bestEpoch()})
 * @param threads PyTorch's threads at the end of the epoch's steps (0 in models of earlier versions)
 * @param coresTaken processors other programs wanted at the end of the epoch's steps (the last look at the
 *          load, over a second or more; NaN: unknown; 0 in models of earlier versions): a slow epoch on a busy
 *          machine says so
 * @param samplesPerSecond training patches per second of the epoch's steps (without validation; 0 in models
 *          of earlier versions)
 * @param peakShare the steps' floating-point operations per second over this machine's float32
 *          matrix-multiply peak ({@code MatmulPeak}); NaN where unknown, 0 in models of earlier versions
 */
public record EpochRecord(int epoch, Map<String, Double> losses, double[] validationDice,
	double meanValidationDice, double seconds, int fold, boolean kept, int threads, double coresTaken,
	double samplesPerSecond, double peakShare)
{

	/** A record of a single network, not (yet) kept. */
	public EpochRecord(final int epoch, final Map<String, Double> losses, final double[] validationDice,
		final double meanValidationDice, final double seconds)
	{
		this(epoch, losses, validationDice, meanValidationDice, seconds, 0, false, 0, 0, 0, 0);
	}

	/** @return the same record, of fold {@code f} */
	public EpochRecord inFold(final int f) {
		return new EpochRecord(epoch, losses, validationDice, meanValidationDice, seconds, f, kept, threads,
			coresTaken, samplesPerSecond, peakShare);
	}

	/** @return the same record, marked as part of the kept model */
	public EpochRecord asKept() {
		return new EpochRecord(epoch, losses, validationDice, meanValidationDice, seconds, fold, true, threads,
			coresTaken, samplesPerSecond, peakShare);
	}
}
