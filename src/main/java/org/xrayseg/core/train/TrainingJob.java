package org.xrayseg.core.train;

import org.xrayseg.core.data.LabelCoding;
import org.xrayseg.core.data.Normalization;
import org.xrayseg.core.data.SlicePairs;
import org.xrayseg.core.io.SliceSource;
import org.xrayseg.core.model.SegmentationModel;
import org.xrayseg.core.progress.ProgressListener;

/**
 * Prepares training from slice sources: the label coding and normalisation are
 * fitted on the training data, validation comes from the given slices or from
 * a slab split off the end of the training slices.
 */
public final class TrainingJob {

	/** Labelled data ready for a trainer. */
	public record Prepared(TrainingSet training, TrainingSet validation, LabelCoding coding,
		Normalization normalization)
	{}

	private TrainingJob() {}

	/**
	 * @param validationImages held-out images, or null to split a slab off the training slices
	 * @param validationLabels their labels (null if and only if {@code validationImages} is)
	 */
	public static Prepared prepare(final SliceSource images, final SliceSource labels,
		final SliceSource validationImages, final SliceSource validationLabels, final double validationFraction,
		final ProgressListener progress)
	{
		// reading shows what it reads, at 0% of the training to come
		final ProgressListener reading = progress.slice(0, 0, 1);
		SlicePairs.check(images, labels);
		if (validationImages != null) SlicePairs.check(validationImages, validationLabels);
		final LabelCoding coding = LabelCoding.fit(labels, reading);
		final Normalization normalization = Normalization.fit(images, reading);
		final TrainingSet all = TrainingSet.load(images, labels, normalization, coding, reading);
		if (validationImages == null) {
			final TrainingSet[] split = all.splitSlab(validationFraction);
			progress.message("Training on " + split[0].describe() + "; validating on " + split[1].describe());
			return new Prepared(split[0], split[1], coding, normalization);
		}
		final TrainingSet validation = TrainingSet.load(validationImages, validationLabels, normalization, coding,
			reading);
		progress.message("Training on " + all.describe() + "; validating on " + validation.describe());
		return new Prepared(all, validation, coding, normalization);
	}

	/** Prepares the data and trains a U-Net. */
	public static SegmentationModel trainUNet(final SliceSource images, final SliceSource labels,
		final SliceSource validationImages, final SliceSource validationLabels, final TrainingOptions options,
		final ProgressListener progress)
	{
		options.validate();
		final Prepared data = prepare(images, labels, validationImages, validationLabels, options
			.validationFraction(), progress);
		return UNetTrainer.train(data, options, progress);
	}
}
