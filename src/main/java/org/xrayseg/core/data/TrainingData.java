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
 * @param normalization the grey-value mapping chosen for the training images
 * @param fingerprint what the training images and labels look like
 */
public record TrainingData(LabelledSlices training, LabelledSlices validation, LabelCoding coding,
	Normalization normalization, DataFingerprint fingerprint)
{

	/** @return the same data with the phases named (null or empty: "code N") */
	public TrainingData withClassNames(final List<String> names) {
		return new TrainingData(training, validation, coding.withNames(names), normalization, fingerprint);
	}

	/**
	 * Reads training data from slice sources: the labels' phases, the data's
	 * fingerprint and from it the normalisation; validation comes from the
	 * given slices or from a slab split off the end of each group of sources
	 * with alike grey scales, in proportion.
	 *
	 * @param validationImages held-out images, or null to split slabs off the training slices
	 * @param validationLabels their labels (null if and only if {@code validationImages} is)
	 * @param normalisation "auto", "global" or "per_image"
	 * @param contextSlices neighbouring slices on each side given with each slice (2.5D), or 0
	 */
	public static TrainingData prepare(final SliceSource images, final SliceSource labels,
		final SliceSource validationImages, final SliceSource validationLabels, final double validationFraction,
		final String normalisation, final int contextSlices, final ProgressListener progress)
	{
		// reading shows what it reads, at 0% of the training to come
		final ProgressListener reading = progress.slice(0, 0, 1);
		SlicePairs.check(images, labels);
		if (validationImages != null) SlicePairs.check(validationImages, validationLabels);
		final LabelCoding coding = LabelCoding.fit(labels, reading);
		final DataFingerprint fingerprint = DataFingerprint.of(images, labels, coding, reading);
		final Normalization normalization = fingerprint.normalization(normalisation);
		fingerprint.describe(coding).forEach(progress::message);
		progress.message("Normalisation " + fingerprint.reason(normalisation, normalization));
		final LabelledSlices all = LabelledSlices.load(images, labels, normalization, coding, reading).withContext(
			contextSlices);
		if (validationImages == null) {
			final LabelledSlices[] split = all.splitSlabs(validationFraction, fingerprint.groups().stream().map(
				g -> g.stream().flatMap(s -> java.util.stream.IntStream.range(fingerprint.sources().get(s).first(),
					fingerprint.sources().get(s).first() + fingerprint.sources().get(s).slices()).boxed()).toList())
				.toList());
			progress.message("Training on " + split[0].describe() + "; validating on " + split[1].describe());
			return new TrainingData(split[0], split[1], coding, normalization, fingerprint);
		}
		final DataFingerprint held = DataFingerprint.of(validationImages, validationLabels, coding, reading);
		for (final DataFingerprint.Source s : held.sources())
			if (normalization.mode() == Normalization.Mode.GLOBAL && s.unlike(fingerprint.overall()[0], fingerprint
				.overall()[2])) progress.message(String.format(java.util.Locale.ROOT, "Warning: the validation " +
					"images %s (grey %.4g..%.4g) are unlike the training images (%.4g..%.4g): the epoch kept is chosen " +
					"on data unlike the training", s.name(), s.low(), s.high(), fingerprint.overall()[0], fingerprint
						.overall()[2]));
		final LabelledSlices validation = LabelledSlices.load(validationImages, validationLabels, normalization,
			coding, reading).withContext(contextSlices);
		progress.message("Training on " + all.describe() + "; validating on " + validation.describe());
		return new TrainingData(all, validation, coding, normalization, fingerprint);
	}
}
