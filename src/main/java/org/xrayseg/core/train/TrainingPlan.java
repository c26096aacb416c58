package org.xrayseg.core.train;

import java.util.Locale;

import org.xrayseg.core.data.ContextChoice;
import org.xrayseg.core.data.LabelledSlices;
import org.xrayseg.core.data.TrainingData;
import org.xrayseg.core.progress.ProgressListener;

/**
 * The sizes of a training run that the user left to the data (given as 0):
 * the patch from the images' size, the batch from the patch, the steps of an
 * epoch from the amount of training data, chosen for a CPU as nnU-Net chooses
 * them for a GPU. Every step sees about {@link #PIXELS_PER_STEP} pixels (8
 * patches of 128 x 128), which trains well and fast on 2 CPU cores.
 */
final class TrainingPlan {

	static final int PIXELS_PER_STEP = 8 * 128 * 128;
	static final int PREFERRED_PATCH = 128;
	static final int MAX_BATCH = 32;
	static final int MIN_STEPS = 20;
	static final int MAX_STEPS = 100;
	/** Steps per epoch = training pixels / pixels per step / this (an epoch sees a quarter of the data). */
	static final int DATA_PER_EPOCH_DIVISOR = 4;

	private TrainingPlan() {}

	/**
	 * @param minPatch the smallest patch the network can learn from
	 * @return {@code options} with every automatic size chosen; says what it chose
	 */
	static TrainingOptions resolve(final TrainingOptions options, final TrainingData data, final int minPatch,
		final ProgressListener progress)
	{
		TrainingOptions o = options;
		if (o.contextSlices() == ContextChoice.AUTO) o = o.withContextSlices(data.contextSlices());
		final LabelledSlices training = data.training();
		final int multiple = 1 << o.depth();
		if (o.patchSize() == TrainingOptions.AUTO) {
			final int[] min = training.minimumSize();
			final int side = Math.min(min[0], min[1]);
			o = o.withPatchSize(Math.max(Math.max(minPatch, multiple), Math.min(PREFERRED_PATCH, side) / multiple *
				multiple));
		}
		if (o.batchSize() == TrainingOptions.AUTO) o = o.withBatchSize(Math.max(2, Math.min(MAX_BATCH, PIXELS_PER_STEP /
			(o.patchSize() * o.patchSize()))));
		if (o.stepsPerEpoch() == TrainingOptions.AUTO) {
			long pixels = 0;
			for (final LabelledSlices.Slice s : training.slices())
				pixels += (long) s.width() * s.height();
			final long steps = pixels / ((long) o.batchSize() * o.patchSize() * o.patchSize()) / DATA_PER_EPOCH_DIVISOR;
			o = o.withStepsPerEpoch((int) Math.max(MIN_STEPS, Math.min(MAX_STEPS, steps)));
		}
		if (o.patchSize() != options.patchSize() || o.batchSize() != options.batchSize() || o.stepsPerEpoch() != options
			.stepsPerEpoch()) progress.message(String.format(Locale.ROOT,
			"Plan: patches of %d x %d, %d per step, %d steps per epoch, at most %d epochs%s", o.patchSize(), o
				.patchSize(), o.batchSize(), o.stepsPerEpoch(), o.epochs(), o.patience() > 0 ? ", stopping after " + o
					.patience() + " without a better validation Dice" : ""));
		return o;
	}
}
