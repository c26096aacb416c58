package org.xrayseg.core.data;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.xrayseg.core.choice.Auto;
import org.xrayseg.core.io.SliceRange;
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
 * @param labelled every labelled training slice (training and split-off validation slices), from which folds
 *          are made; null where validation images were given
 * @param groups positions in {@code labelled} of each group of alike sources, in order (null with {@code labelled})
 * @param choices why the normalisation and the context were chosen while the data were read; null for data not
 *          read by {@link #prepare}
 */
public record TrainingData(LabelledSlices training, LabelledSlices validation, LabelCoding coding,
	Normalization normalization, DataFingerprint fingerprint, LabelledSlices labelled, List<List<Integer>> groups,
	Choices choices)
{

	/**
	 * What was decided while the data were read, said by the training plan.
	 *
	 * @param normalisation e.g. "Normalisation global: ..."
	 * @param context e.g. "Context: none (2D): fewer than 3 slices"
	 */
	public record Choices(String normalisation, String context) {}

	/** Data with a fixed validation set, which cannot be split into folds. */
	public TrainingData(final LabelledSlices training, final LabelledSlices validation, final LabelCoding coding,
		final Normalization normalization, final DataFingerprint fingerprint)
	{
		this(training, validation, coding, normalization, fingerprint, null, null, null);
	}

	/** @return the same data with other training slices and a fixed validation set (no folds) */
	public TrainingData withSlices(final LabelledSlices train, final LabelledSlices validate) {
		return new TrainingData(train, validate, coding, normalization, fingerprint, null, null, choices);
	}

	/** @return the same data with the phases named (null or empty: the names they have, or "code N") */
	public TrainingData withClassNames(final List<String> names) {
		if (names == null || names.isEmpty()) return this;
		return new TrainingData(training, validation, coding.withNames(names), normalization, fingerprint, labelled,
			groups, choices);
	}

	/** @return whether the labelled slices can be split into {@code k} folds (each holds out at least one slice) */
	public boolean canFold(final int k) {
		return labelled != null && labelled.size() >= k;
	}

	/**
	 * Splits the labelled slices into {@code k} folds: contiguous slabs of every group of alike sources (as the
	 * validation slab, see {@link LabelledSlices#splitSlabs}), so that each fold holds out some of each kind of
	 * image and neighbouring slices of a volume mostly stay together.
	 *
	 * @return fold {@code f} (0-based): training on the other folds, validating on this one
	 */
	public TrainingData fold(final int f, final int k) {
		if (!canFold(k)) throw new IllegalStateException("Cannot split into " + k + " folds");
		final java.util.Set<Integer> held = new java.util.TreeSet<>(labelled.foldPositions(f, k, groups));
		final List<LabelledSlices.Slice> train = new java.util.ArrayList<>();
		final List<LabelledSlices.Slice> validate = new java.util.ArrayList<>();
		for (int i = 0; i < labelled.size(); i++)
			(held.contains(i) ? validate : train).add(labelled.get(i));
		return withSlices(new LabelledSlices(train), new LabelledSlices(validate));
	}

	/** @return the neighbouring slices on each side that the training slices carry (2.5D), or 0 */
	public int contextSlices() {
		return training.slices().isEmpty() ? 0 : (training.slices().get(0).channels() - 1) / 2;
	}

	/**
	 * How training data are read.
	 *
	 * @param validationFraction the part of each group of sources split off for validation
	 * @param normalisation "auto", "global" or "per_image"
	 * @param contextSlices neighbouring slices on each side given with each slice (2.5D), 0, or
	 *          {@link ContextChoice#AUTO} to choose from the images
	 * @param unlabelled the label value that means "not annotated", or {@link LabelCoding#NO_UNLABELLED}
	 * @param labelledSlices the image slice of each label slice (e.g. "10,250,900"), or null: see {@link LabelledSubset}
	 * @param reference the normalisation of a model to continue from, kept unless the data's grey scale is unlike
	 *          its training data's; or null
	 * @param phases the phases of a model to continue from: the labels may hold only these; or null
	 */
	public record Settings(double validationFraction, String normalisation, int contextSlices, int unlabelled,
		String labelledSlices, Normalization reference, LabelCoding phases)
	{

		/** Every pixel labelled, no context, the normalisation chosen from the data. */
		public static Settings of(final double validationFraction) {
			return new Settings(validationFraction, Auto.KEY, 0, LabelCoding.NO_UNLABELLED, null, null, null);
		}
	}

	/**
	 * Reads training data from slice sources: the labels' phases, the data's
	 * fingerprint and from it the normalisation; validation comes from the
	 * given slices or from a slab split off the end of each group of sources
	 * with alike grey scales, in proportion.
	 *
	 * @param validationImages held-out images, or null to split slabs off the training slices
	 * @param validationLabels their labels (null if and only if {@code validationImages} is)
	 */
	public static TrainingData prepare(final SliceSource images, final SliceSource labels,
		final SliceSource validationImages, final SliceSource validationLabels, final Settings settings,
		final ProgressListener progress)
	{
		// reading shows what it reads, at 0% of the training to come
		final ProgressListener reading = progress.slice(0, 0, 1);
		final int[] indices = LabelledSubset.indices(images, labels, settings.labelledSlices());
		final SliceSource labelled = indices.length == images.size() ? images : SliceRange.select(images, Arrays
			.stream(indices).mapToObj(i -> Integer.toString(i + 1)).collect(Collectors.joining(",")));
		SlicePairs.check(labelled, labels);
		if (validationImages != null) SlicePairs.check(validationImages, validationLabels);
		final LabelCoding fitted = LabelCoding.fit(labels, settings.unlabelled(), reading);
		final LabelCoding coding = settings.phases() == null ? fitted : settings.phases().covering(fitted, labels.name())
			.withUnlabelled(settings.unlabelled());
		final DataFingerprint fingerprint = DataFingerprint.of(labelled, labels, coding, reading);
		fingerprint.describe(coding).forEach(progress::message);
		final Normalised normalised = normalization(fingerprint, settings);
		final Normalization normalization = normalised.normalization();
		final ContextChoice.Chosen context = ContextChoice.resolve(settings.contextSlices(), images, validationImages);
		final Choices choices = new Choices(normalised.reason(), context.reason());
		final LabelledSlices all = LabelledSlices.load(images, indices, labels, normalization, coding, context
			.slices(), reading);
		if (validationImages == null) {
			final LabelledSlices[] split = all.splitSlabs(settings.validationFraction(), all.positionsOf(groups(
				fingerprint)));
			if (settings.unlabelled() >= 0 && !split[1].annotatesEvery(coding.classes())) {
				progress.message("Training and validating on all annotations: a held-out slab would miss phases " +
					"(the validation Dice then shows the fit to the annotations, not to unseen slices)");
				return new TrainingData(all, all, coding, normalization, fingerprint, null, null, choices);
			}
			return new TrainingData(split[0], split[1], coding, normalization, fingerprint, all, all.positionsOf(
				groups(fingerprint)), choices);
		}
		final DataFingerprint held = DataFingerprint.of(validationImages, validationLabels, coding, reading);
		for (final DataFingerprint.Source s : held.sources())
			if (normalization.mode() == Normalization.Mode.GLOBAL && s.unlike(fingerprint.overall()[0], fingerprint
				.overall()[2])) progress.message(String.format(Locale.ROOT, "Warning: the validation images %s (grey " +
					"%.4g..%.4g) are unlike the training images (%.4g..%.4g): the validation Dice measures data unlike " +
					"the training", s.name(), s.low(), s.high(), fingerprint.overall()[0], fingerprint.overall()[2]));
		final LabelledSlices validation = LabelledSlices.load(validationImages, LabelledSubset.identity(
			validationImages.size()), validationLabels, normalization, coding, context.slices(), reading);
		return new TrainingData(all, validation, coding, normalization, fingerprint, null, null, choices);
	}

	/** @return the label slices of each group of alike sources */
	private static List<List<Integer>> groups(final DataFingerprint fingerprint) {
		return fingerprint.groups().stream().map(g -> g.stream().flatMap(s -> IntStream.range(fingerprint.sources()
			.get(s).first(), fingerprint.sources().get(s).first() + fingerprint.sources().get(s).slices()).boxed())
			.toList()).toList();
	}

	/** Says which slices train and which validate one network (not said for folds, which say their own). */
	public void describeSplit(final ProgressListener progress) {
		progress.message("Training on " + training.describe() + "; validating on " + validation.describe());
	}

	/** A normalisation and why it was chosen. */
	private record Normalised(Normalization normalization, String reason) {}

	/**
	 * @return the normalisation chosen from the fingerprint, or the reference
	 *         model's when the data's grey scale is like its training data's
	 */
	private static Normalised normalization(final DataFingerprint fingerprint, final Settings settings) {
		final Normalization ref = settings.reference();
		if (ref != null && (ref.mode() == Normalization.Mode.PER_IMAGE || !Normalization.unlike(ref.low(), ref
			.high(), fingerprint.overall()[0], fingerprint.overall()[2])))
			return new Normalised(ref, "Normalisation kept from the initial model: " + ref.describe());
		final Normalization chosen = fingerprint.normalization(settings.normalisation());
		return new Normalised(chosen, "Normalisation " + fingerprint.reason(settings.normalisation(), chosen) + (ref ==
			null ? "" : " (re-fitted: the grey values are unlike the initial model's training images, " + ref
				.describe() + ")"));
	}
}
