package org.xrayseg.core.train;

import java.util.Arrays;
import java.util.Locale;

import org.xrayseg.core.choice.Auto;
import org.xrayseg.core.loss.ImageFormation;
import org.xrayseg.core.loss.SegmentationLoss;
import org.xrayseg.core.model.TrainingPlan;

/**
 * Which loss a U-Net trains with, decided from its data ({@link UNetLoss}
 * computes it): cross-entropy, weighted by the phases' rarity
 * (median-frequency balancing, weights limited to 0.2..5) and with the soft
 * Dice added when the phases are unbalanced ({@code class_balance=auto}: one
 * phase more than {@link #IMBALANCE} times as frequent as another), or as
 * asked. For sparse labels (less than {@link #SPARSE} of the pixels
 * annotated) a grey-value smoothness term ({@link SegmentationLoss#affinity})
 * is added, so that phases change where the grey values do between the
 * strokes; and where each phase has its own grey value
 * ({@link PhaseGrey#explained()} at least {@link #MIN_EXPLAINED}), a fit of the
 * image the segmentation predicts ({@link ImageFormation}: the phases' grey
 * values blurred by the point spread that {@link PointSpread} estimates) to
 * the slice, which places boundaries where the partial-volume grey values put
 * them.
 *
 * @param weights each phase's cross-entropy weight, or null for plain cross-entropy
 * @param dice whether the soft Dice is added
 * @param annotated the share of the training pixels that are annotated (1 for complete labels)
 * @param phases the grey values of the phases on the annotated training pixels
 * @param fit whether the image-formation fit is added
 */
record LossPlan(float[] weights, boolean dice, double annotated, PhaseGrey phases, boolean fit) {

	static final double IMBALANCE = 2;
	static final double SPARSE = 0.5;
	/** The share of the grey-value variance the phases must explain for the image-formation fit. */
	static final double MIN_EXPLAINED = 0.75;
	/** The smallest patch for the image-formation fit (it leaves out a margin as wide as the widest blur). */
	static final int MIN_FIT_PATCH = 2 * ImageFormation.MARGIN + 16;
	private static final double MIN_WEIGHT = 0.2;
	private static final double MAX_WEIGHT = 5;

	/**
	 * @param frequencies the phases' share of the labelled training pixels, or null if unknown
	 * @param annotated the share of the training pixels that are annotated (1 for complete labels)
	 * @param phases the grey values of the phases on the annotated training pixels
	 */
	static LossPlan of(final TrainingOptions options, final double[] frequencies, final double annotated,
		final PhaseGrey phases)
	{
		final float[] w = balancingWeights(options, frequencies);
		final boolean fit = annotated < SPARSE && phases.explained() >= MIN_EXPLAINED && options
			.patchSize() >= MIN_FIT_PATCH;
		return new LossPlan(w, w != null || options.diceLoss(), annotated, phases, fit);
	}

	/** @return each phase's median-frequency weight, or null if the phases are not to be balanced */
	private static float[] balancingWeights(final TrainingOptions options, final double[] frequencies) {
		if (frequencies == null) return null;
		final double max = Arrays.stream(frequencies).max().orElse(1);
		final double min = Arrays.stream(frequencies).min().orElse(1);
		final boolean balance = options.classBalance().equals("on") || options.classBalance().equals(
			Auto.KEY) && max > IMBALANCE * min;
		if (!balance) return null;
		final double[] sorted = frequencies.clone();
		Arrays.sort(sorted);
		final double median = sorted[sorted.length / 2];
		final float[] w = new float[frequencies.length];
		for (int c = 0; c < w.length; c++)
			w[c] = (float) Math.max(MIN_WEIGHT, Math.min(MAX_WEIGHT, median / Math.max(frequencies[c], 1e-6)));
		return w;
	}

	/** @return whether the labels are sparse enough for the smoothness term */
	boolean sparse() {
		return annotated < SPARSE;
	}

	/** @return the decisions, as the training plan stores them */
	TrainingPlan.Loss decision() {
		return new TrainingPlan.Loss(weights == null ? null : weights.clone(), dice, sparse(), fit, describe());
	}

	/** @return e.g. "cross-entropy weighted by phase rarity (0.87, 1.00, 2.31) + soft Dice" */
	String describe() {
		final StringBuilder b = new StringBuilder(weights == null ? "cross-entropy" :
			"cross-entropy weighted by phase rarity (");
		if (weights != null) for (int c = 0; c < weights.length; c++)
			b.append(c == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.2f", weights[c]));
		if (weights != null) b.append(')');
		b.append(dice ? " + soft Dice" : "");
		if (sparse()) b.append(String.format(Locale.ROOT, " + grey-value smoothness (sparse labels: %.1f%% of the " +
			"training pixels annotated)", 100 * annotated));
		if (fit) b.append(String.format(Locale.ROOT, " + fit of the image formation (the phases explain " +
			"%.0f%% of the grey-value variance; point spread estimated while training)", 100 * phases.explained()));
		else if (sparse()) b.append(String.format(Locale.ROOT, " (no fit of the image formation: %s)", phases
			.explained() < MIN_EXPLAINED ? String.format(Locale.ROOT, "the phases explain only %.0f%% of the grey-value " +
				"variance", 100 * phases.explained()) : "patches smaller than " + MIN_FIT_PATCH + " pixels"));
		return b.toString();
	}
}
