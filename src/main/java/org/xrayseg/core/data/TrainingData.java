package org.xrayseg.core.data;

import java.util.List;

import org.xrayseg.core.io.SliceSource;
import org.xrayseg.core.progress.ProgressListener;

/**
 * Labelled data ready for a trainer: training and validation slices in memory,
 * the label coding and the normalisation fitted on the training data.
 *
 * @param training the slices to draw training patches from
 * @param validation the held-out slices scored after every epoch
 * @param coding the label codes of the phases
 * @param normalization the grey-value mapping fitted on the training images
 */
public record TrainingData(LabelledSlices training, LabelledSlices validation, LabelCoding coding,
	Normalization normalization)
{

	/** @return the same data with the phases named (null or empty: "code N") */
	public TrainingData withClassNames(final List<String> names) {
		return new TrainingData(training, validation, coding.withNames(names), normalization);
	}

	/**
	 * Reads training data from slice sources: validation comes from the given
	 * slices or from a slab split off the end of the training slices.
	 *
	 * @param validationImages held-out images, or null to split a slab off the training slices
	 * @param validationLabels their labels (null if and only if {@code validationImages} is)
	 */
	public static TrainingData prepare(final SliceSource images, final SliceSource labels,
		final SliceSource validationImages, final SliceSource validationLabels, final double validationFraction,
		final ProgressListener progress)
	{
		// reading shows what it reads, at 0% of the training to come
		final ProgressListener reading = progress.slice(0, 0, 1);
		SlicePairs.check(images, labels);
		if (validationImages != null) SlicePairs.check(validationImages, validationLabels);
		final LabelCoding coding = LabelCoding.fit(labels, reading);
		final Normalization normalization = Normalization.fit(images, reading);
		final LabelledSlices all = LabelledSlices.load(images, labels, normalization, coding, reading);
		if (validationImages == null) {
			final LabelledSlices[] split = all.splitSlab(validationFraction);
			progress.message("Training on " + split[0].describe() + "; validating on " + split[1].describe());
			return new TrainingData(split[0], split[1], coding, normalization);
		}
		final LabelledSlices validation = LabelledSlices.load(validationImages, validationLabels, normalization, coding,
			reading);
		progress.message("Training on " + all.describe() + "; validating on " + validation.describe());
		return new TrainingData(all, validation, coding, normalization);
	}
}
