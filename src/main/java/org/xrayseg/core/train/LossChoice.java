package org.xrayseg.core.train;

import java.util.Arrays;
import java.util.Locale;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import org.xrayseg.core.loss.ImageFormation;
import org.xrayseg.core.loss.SegmentationLoss;

/**
 * The loss of a U-Net for its data: cross-entropy, weighted by the phases'
 * rarity (median-frequency balancing, weights limited to 0.2..5) and with the
 * soft Dice added when the phases are unbalanced ({@code class_balance=auto}:
 * one phase more than {@link #IMBALANCE} times as frequent as another), or as
 * asked. For sparse labels (less than {@link #SPARSE} of the pixels
 * annotated) a grey-value smoothness term ({@link SegmentationLoss#affinity})
 * is added, so that phases change where the grey values do between the strokes;
 * and where each phase has its own grey value ({@link PhaseGrey#explained()} at
 * least {@link #MIN_EXPLAINED}), a fit of the image the segmentation predicts
 * ({@link ImageFormation}: the phases' grey values blurred by the point spread
 * that {@link PointSpread} estimates) to the slice, which places boundaries
 * where the partial-volume grey values put them.
 */
final class LossChoice {

	static final double IMBALANCE = 2;
	static final double SPARSE = 0.5;
	/**
	 * Weight and grey-value scale (normalised units) of the smoothness term for
	 * sparse labels; with the image-formation fit it weighs more (measured on
	 * strokes of the synthetic volume and of the SOC data, bench/RESULTS.md).
	 */
	static final float AFFINITY_WEIGHT = 1;
	static final float AFFINITY_WEIGHT_WITH_FIT = 4;
	static final float AFFINITY_SIGMA = 0.1f;
	/** Weight of the image-formation fit (its mean squared difference in units of the variance within the phases). */
	static final float FIT_WEIGHT = 0.4f;
	/** The share of the grey-value variance the phases must explain for the image-formation fit. */
	static final double MIN_EXPLAINED = 0.75;
	/** The least variance within the phases that the fit is divided by (noise-free images: normalised units). */
	static final double MIN_VARIANCE = 1e-4;
	/** The smallest patch for the image-formation fit (it leaves out a margin as wide as the widest blur). */
	static final int MIN_FIT_PATCH = 2 * ImageFormation.MARGIN + 16;
	private static final double MIN_WEIGHT = 0.2;
	private static final double MAX_WEIGHT = 5;

	private final float[] weights;
	private final boolean dice;
	private final double annotated;
	private final PhaseGrey phases;
	/** Whether the image-formation fit is part of the loss. */
	private final boolean fit;
	private final PointSpread spread = new PointSpread();

	private LossChoice(final float[] weights, final boolean dice, final double annotated, final PhaseGrey phases,
		final boolean fit)
	{
		this.weights = weights;
		this.dice = dice;
		this.annotated = annotated;
		this.phases = phases;
		this.fit = fit;
	}

	/**
	 * @param frequencies the phases' share of the labelled training pixels, or null if unknown
	 * @param annotated the share of the training pixels that are annotated (1 for complete labels)
	 * @param phases the grey values of the phases on the annotated training pixels
	 */
	static LossChoice of(final TrainingOptions options, final double[] frequencies, final double annotated,
		final PhaseGrey phases)
	{
		final float[] w = balancingWeights(options, frequencies);
		final boolean fit = annotated < SPARSE && phases.explained() >= MIN_EXPLAINED && options
			.patchSize() >= MIN_FIT_PATCH;
		return new LossChoice(w, w != null || options.diceLoss(), annotated, phases, fit);
	}

	/** @return each phase's median-frequency weight, or null if the phases are not to be balanced */
	private static float[] balancingWeights(final TrainingOptions options, final double[] frequencies) {
		if (frequencies == null) return null;
		final double max = Arrays.stream(frequencies).max().orElse(1);
		final double min = Arrays.stream(frequencies).min().orElse(1);
		final boolean balance = options.classBalance().equals("on") || options.classBalance().equals(
			TrainingOptions.AUTO_CHOICE) && max > IMBALANCE * min;
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

	/**
	 * @param logits (N, K, H, W) class logits
	 * @param oneHot (N, K, H, W) labels
	 * @param grey (N, 1, H, W) the normalised slices (for the smoothness term of sparse labels)
	 * @param plain (N, 1, H, W) the same without grey-value augmentation (for the image-formation fit)
	 * @return the scalar loss
	 */
	NDArray of(final NDArray logits, final NDArray oneHot, final NDArray grey, final NDArray plain,
		final NDManager manager)
	{
		NDArray loss = weights == null ? SegmentationLoss.crossEntropy(logits, oneHot) : SegmentationLoss
			.weightedCrossEntropy(logits, oneHot, manager.create(weights, new Shape(1, weights.length, 1, 1)));
		if (dice) loss = loss.add(SegmentationLoss.softDice(logits, oneHot));
		if (sparse()) loss = loss.add(SegmentationLoss.affinity(logits, grey, AFFINITY_SIGMA).mul(fit
			? AFFINITY_WEIGHT_WITH_FIT : AFFINITY_WEIGHT));
		if (fit) {
			final NDArray means = manager.create(phases.means(), new Shape(1, phases.means().length, 1, 1));
			final NDArray predicted = ImageFormation.predict(logits.softmax(1), means, spread.sigma());
			loss = loss.add(ImageFormation.residual(predicted, plain).mul((float) (FIT_WEIGHT / Math.max(
				MIN_VARIANCE, phases.within()))));
		}
		return loss;
	}

	/**
	 * Updates the point-spread estimate with a step's output (after its backward pass).
	 *
	 * @param logits (N, K, H, W) the network's output, row-major
	 * @param plain (N, 1, H, W) the slices without grey-value augmentation
	 */
	void observe(final float[] logits, final float[] plain, final int n, final int h, final int w) {
		if (fit) spread.observe(logits, phases.means(), plain, n, h, w);
	}

	/** @return the point spread (pixels) estimated so far, or NaN without the image-formation fit */
	double pointSpread() {
		return fit ? spread.sigma() : Double.NaN;
	}

	/** @return the state of the point-spread estimate, to checkpoint */
	byte[] state() {
		return spread.state();
	}

	void restore(final byte[] state) {
		spread.restore(state);
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
