package org.xrayseg.core.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

import org.xrayseg.core.data.ContextChoice;
import org.xrayseg.core.data.LabelledSlices;
import org.xrayseg.core.data.TrainingData;
import org.xrayseg.core.error.InvalidInputException;
import org.xrayseg.core.model.TrainingPlan;
import org.xrayseg.core.progress.ProgressListener;

/**
 * The planning step of a training run: every setting left to the data (given
 * as 0 or "auto") is decided here, from the labelled data, the time budget and
 * the measured speed of a training step on this machine, and each decision is
 * printed with its reason and stored in the model ({@link TrainingPlan}):
 * <ul>
 * <li>patch and batch from the images' size, steps per epoch from the amount
 * of data (an epoch sees a quarter of it), as before;</li>
 * <li>the U-Net's width: twice the filters where the training data are many
 * and the wider network's full length fits half the time budget;</li>
 * <li>the length of training from the amount of data ({@link #PASSES} passes
 * over the training pixels, at least {@link #MIN_STEPS_TOTAL} and at most
 * {@link #MAX_STEPS_TOTAL} steps) and cut to the time budget, never from a
 * noisy validation curve; the learning rate decays over exactly that length;</li>
 * <li>which weights are kept: the mean of the weights after each of the last
 * {@link #AVERAGED_SHARE} of the epochs (stochastic weight averaging), which
 * does not depend on the validation Dice of a few slices; the last epoch for
 * sparse labels;</li>
 * <li>a cross-validation ensemble for small labelled sets: k networks, each
 * validated on the fold it did not see, when the budget allows them;</li>
 * <li>a third of the patches centred on a pixel of a phase drawn uniformly
 * when the phases are unbalanced, so that rare phases are seen;</li>
 * <li>the U-Net's loss ({@link LossPlan});</li>
 * <li>and, taken into the plan with their reasons, the normalisation and the
 * context slices decided while the data were read ({@link TrainingData#choices()}).</li>
 * </ul>
 */
public final class Planner {

	/**
	 * The settings with every automatic choice made, and the plan that says what and why.
	 *
	 * @param loss the U-Net's loss, or null for Pix2Pix, whose losses are fixed
	 */
	public record Planned(TrainingOptions options, TrainingPlan plan, LossPlan loss) {}

	static final int PIXELS_PER_STEP = 8 * 128 * 128;
	static final int PREFERRED_PATCH = 128;
	static final int MAX_BATCH = 32;
	static final int MIN_STEPS = 20;
	static final int MAX_STEPS = 100;
	/** Steps per epoch = training pixels / pixels per step / this (an epoch sees a quarter of the data). */
	static final int DATA_PER_EPOCH_DIVISOR = 4;
	/** The network's depth unless the images are too small for it. */
	static final int DEPTH = 4;
	static final int BASE_FILTERS = 16;
	/** A U-Net's filters where the training data are many and the budget fits its full length ... */
	static final int WIDE_FILTERS = 32;
	/**
	 * ... from this many steps' worth of training pixels (16.8 megapixels at 8 x 128 x 128): measured at equal steps,
	 * 32 filters gained on SOC's 25 megapixels and lost on the catalyst's 9.4 (bench/RESULTS.md).
	 */
	static final double WIDE_DATA = 128;
	/**
	 * ... and where its full length takes at most this share of the time budget: it gains little (0.0004-0.0005 per
	 * phase on SOC), and the estimate leaves out checkpoints and the closing measurements (SOC's run took 1.3 times it).
	 */
	static final double WIDE_BUDGET_SHARE = 0.5;
	/** Training length: this many passes over the training pixels ... */
	static final int PASSES = 10;
	/** ... but at least this many steps, which small labelled sets need (measured, bench/RESULTS.md) ... */
	static final int MIN_STEPS_TOTAL = 2000;
	/** ... and at most this many. */
	static final int MAX_STEPS_TOTAL = 4000;
	/** The share of the epochs whose weights are averaged. */
	static final double AVERAGED_SHARE = 0.2;
	/** Default time budget: a coffee break on 2 cores; a faster machine trains more steps in it. */
	public static final double DEFAULT_BUDGET_SECONDS = 20 * 60;
	/** Networks of an automatic cross-validation ensemble. */
	static final int AUTO_FOLDS = 5;
	/** Automatic folds only below this many training pixels per step (about 20 slices of 512 x 512). */
	static final double MAX_FOLD_DATA = 40;
	/** Share of patches centred on a pixel of a phase drawn uniformly, where the phases are unbalanced. */
	static final double RARE_PATCH_SHARE = 1.0 / 3;
	/** A forward pass costs about this share of a training step of the same pixels (validation time). */
	private static final double FORWARD_SHARE = 1.0 / 3;

	private Planner() {}

	/**
	 * @param minPatch the smallest patch the network can learn from
	 * @param decidesLoss whether the network trains with the U-Net's loss, decided here (Pix2Pix: fixed losses)
	 * @param secondsPerStep measures the time of one training step of the network the candidate settings
	 *          describe on this machine (called only when the time budget may matter)
	 * @return the plan, printed line by line to {@code progress}
	 * @throws InvalidInputException if folds are asked that the data cannot give
	 */
	public static Planned plan(final TrainingOptions options, final TrainingData data, final int minPatch,
		final boolean decidesLoss, final ToDoubleFunction<TrainingOptions> secondsPerStep,
		final ProgressListener progress)
	{
		final List<String> reasons = new ArrayList<>();
		if (data.choices() != null) reasons.addAll(List.of(data.choices().normalisation(), data.choices().context()));
		final boolean sparse = data.coding().unlabelled() >= 0 && data.training().annotatedShare() < LossPlan.SPARSE;
		TrainingOptions o = options;
		if (o.contextSlices() == ContextChoice.AUTO) o = o.withContextSlices(data.contextSlices());
		final LabelledSlices training = data.training();
		final int[] min = training.minimumSize();
		final int side = Math.min(min[0], min[1]);
		if (o.depth() == TrainingOptions.AUTO) {
			int depth = DEPTH;
			while (depth > 1 && Math.max(minPatch, 1 << depth) > side)
				depth--;
			o = o.withNetwork(depth, o.baseFilters());
			reasons.add("depth " + depth + (depth == DEPTH ? " (the default)" : " (the images are " + side +
				" pixels small)"));
		}
		final int filtersLine = o.baseFilters() == TrainingOptions.AUTO ? reasons.size() : -1;
		if (filtersLine >= 0) {
			o = o.withNetwork(o.depth(), BASE_FILTERS);
			reasons.add(BASE_FILTERS + " filters");
		}
		final int multiple = 1 << o.depth();
		if (o.patchSize() == TrainingOptions.AUTO) o = o.withPatchSize(Math.max(Math.max(minPatch, multiple), Math.min(
			PREFERRED_PATCH, side) / multiple * multiple));
		if (o.batchSize() == TrainingOptions.AUTO) o = o.withBatchSize(Math.max(2, Math.min(MAX_BATCH, PIXELS_PER_STEP /
			(o.patchSize() * o.patchSize()))));
		final double stepPixels = (double) o.batchSize() * o.patchSize() * o.patchSize();
		final double data1 = pixels(training) / stepPixels;
		if (o.stepsPerEpoch() == TrainingOptions.AUTO) o = o.withStepsPerEpoch((int) Math.max(MIN_STEPS, Math.min(
			MAX_STEPS, (long) data1 / DATA_PER_EPOCH_DIVISOR)));
		final double budget = o.timeBudget() == TrainingOptions.AUTO ? DEFAULT_BUDGET_SECONDS : o.timeBudget();
		final TrainingOptions unresolved = o;
		final int precisionLine = reasons.size();
		o = TrainingPrecision.choose(o, secondsPerStep, reasons);
		Speed speed = new Speed(secondsPerStep, o);
		// one network on the training slices, or folds of all labelled slices
		final int folds = folds(o, data, sparse, budget, speed, reasons);
		final double trainPixels = folds > 1 ? pixels(data.labelled()) * (folds - 1) / folds : pixels(training);
		final long validationBudget = ValidationBudget.pixels(o.stepsPerEpoch(), stepPixels, FORWARD_SHARE);
		final double validationPixels = folds > 1 ? Math.min(validationBudget, pixels(data.labelled()) / folds)
			: ValidationBudget.pixelsPerEpoch(data.validation(), validationBudget);
		final double overhead = 1 + FORWARD_SHARE * validationPixels / (o.stepsPerEpoch() * stepPixels);
		if (filtersLine >= 0 && decidesLoss && !sparse && folds == 1 && o.epochs() == TrainingOptions.AUTO) {
			final Speed wide = wider(unresolved, trainPixels / stepPixels, budget, overhead, secondsPerStep, reasons,
				filtersLine, precisionLine);
			if (wide != null) {
				o = wide.candidate;
				speed = wide;
			}
		}
		if (o.epochs() == TrainingOptions.AUTO) {
			final long wanted = wantedSteps(trainPixels / stepPixels);
			long steps = wanted;
			final long passes = Math.round(PASSES * trainPixels / stepPixels);
			final String data0 = passes == wanted ? String.format(Locale.ROOT, "%d steps: %d passes over the %.1f " +
				"megapixels of training data", wanted, PASSES, trainPixels / 1e6) : String.format(Locale.ROOT, "%d " +
					"steps, the %s (%d passes over the %.1f megapixels of training data would be %d)", wanted, passes <
						wanted ? "least any training gets" : "most", PASSES, trainPixels / 1e6, passes);
			if (budget > 0 && wanted * speed.get() * overhead * folds > budget) {
				steps = Math.max(o.stepsPerEpoch(), (long) (budget / (speed.get() * overhead * folds)));
				reasons.add(String.format(Locale.ROOT, "%d steps: the time budget of %s fits %d of the %s (%.3f s " +
					"per step measured on this machine%s); a larger time_budget may train a better network", steps,
					Durations.format(budget), steps, data0, speed.get(), folds > 1 ? ", " + folds + " networks" : ""));
			}
			else reasons.add(data0 + String.format(Locale.ROOT, " (%s of the time budget of %s)", speed.measured()
				? Durations.format(wanted * speed.get() * overhead * folds) : "well within", Durations.format(budget)));
			// whole epochs: the nearest number, but never more than the time budget fits
			o = o.withEpochs((int) Math.max(1, (steps + (steps < wanted ? 0 : o.stepsPerEpoch() / 2)) / o
				.stepsPerEpoch()));
		}
		else reasons.add(o.epochs() + " epochs of " + o.stepsPerEpoch() + " steps, as given");
		final int averaged = sparse ? 1 : Math.max(1, (int) Math.round(o.epochs() * AVERAGED_SHARE));
		final String selection = sparse ? TrainingPlan.LAST : TrainingPlan.AVERAGE;
		reasons.add(sparse ? "keep the last epoch: the validation Dice of sparse annotations inside the phases does " +
			"not measure where the boundaries lie" : "keep the mean of the weights after each of the last " + averaged +
				" epochs (stochastic weight averaging): steadier than the epoch whose validation Dice is best; an " +
				"earlier epoch only where the validation Dice says training over-fitted");
		final double rare = rareShare(data, sparse);
		if (rare > 0) reasons.add(String.format(Locale.ROOT, "a third of the patches centred on a pixel of a phase " +
			"drawn uniformly: the phases are unbalanced (%s)", shares(data)));
		if (o.patience() > 0) reasons.add("wind down when the validation Dice (mean of 3 epochs) has not improved " +
			"for " + o.patience() + " epochs, after half of the steps");
		final String validating = folds > 1 ? null : ValidationBudget.reason(data.validation(), validationBudget);
		if (validating != null) reasons.add(validating);
		final LossPlan loss = decidesLoss ? loss(o, data) : null;
		if (loss != null) reasons.add(TrainingPlan.LOSS + loss.describe());
		final TrainingPlan plan = new TrainingPlan(o.patchSize(), o.batchSize(), o.stepsPerEpoch(), o.epochs(), o
			.depth(), o.baseFilters(), folds, selection, averaged, rare, budget, speed.measured() ? speed.get()
				: Double.NaN, data.normalization().mode().key(), data.contextSlices(), loss == null ? null : loss
					.decision(), List.copyOf(reasons), validationBudget);
		progress.message(plan.describe());
		for (final String r : reasons)
			progress.message("  " + r);
		return new Planned(o.withFolds(folds), plan, loss);
	}

	/**
	 * The U-Net's width where its filters are left to the plan: {@link #WIDE_FILTERS} where the training data are
	 * at least {@link #WIDE_DATA} steps' worth and the length they ask for fits {@link #WIDE_BUDGET_SHARE} of the
	 * time budget at the wider network's measured speed, {@link #BASE_FILTERS} otherwise. Says which and why in
	 * line {@code filtersLine}.
	 *
	 * @param unresolved the settings with {@link #BASE_FILTERS} filters, before the precision was chosen
	 * @param data the training pixels in units of one step's pixels
	 * @param precisionLine the line that says the precision, replaced by the wider network's
	 * @return the wider network's settings (precision chosen) and speed, or null to keep {@link #BASE_FILTERS}
	 */
	private static Speed wider(final TrainingOptions unresolved, final double data, final double budget,
		final double overhead, final ToDoubleFunction<TrainingOptions> secondsPerStep, final List<String> reasons,
		final int filtersLine, final int precisionLine)
	{
		final double megapixels = data * unresolved.batchSize() * unresolved.patchSize() * unresolved.patchSize() / 1e6;
		if (data < WIDE_DATA) {
			reasons.set(filtersLine, String.format(Locale.ROOT, "%d filters: %.1f megapixels of training data (%d " +
				"filters from %.1f)", BASE_FILTERS, megapixels, WIDE_FILTERS, megapixels * WIDE_DATA / data));
			return null;
		}
		final List<String> precision = new ArrayList<>();
		final TrainingOptions wide = TrainingPrecision.choose(unresolved.withNetwork(unresolved.depth(), WIDE_FILTERS),
			secondsPerStep, precision);
		final Speed speed = new Speed(secondsPerStep, wide);
		final double perStep = speed.get();
		final long steps = wantedSteps(data);
		final double seconds = steps * perStep * overhead;
		final String time = String.format(Locale.ROOT, "%d steps of %d filters take %s at %.3f s per step measured on " +
			"this machine", steps, WIDE_FILTERS, Durations.format(seconds), perStep);
		if (budget > 0 && seconds > WIDE_BUDGET_SHARE * budget) {
			reasons.set(filtersLine, String.format(Locale.ROOT, "%d filters: %s, over half the time budget of %s " +
				"(time_budget=%s would choose them)", BASE_FILTERS, time, Durations.format(budget), Durations.format(60 *
					Math.ceil(seconds / WIDE_BUDGET_SHARE / 60))));
			return null;
		}
		reasons.set(filtersLine, String.format(Locale.ROOT, "%d filters: %.1f megapixels of training data, and %s",
			WIDE_FILTERS, megapixels, time));
		reasons.set(precisionLine, precision.get(0));
		return speed;
	}

	/**
	 * The plan of the network of fold {@code f} of a cross-validation ensemble: its own seed, and the loss decided
	 * on the fold's training slices (their annotated share and grey values), said where it differs.
	 *
	 * @param f the fold, 1-based
	 */
	static Planned forFold(final Planned planned, final TrainingData fold, final int f,
		final ProgressListener progress)
	{
		final TrainingOptions o = planned.options().withSeed(planned.options().seed() + f - 1);
		if (planned.loss() == null) return new Planned(o, planned.plan(), null);
		final LossPlan loss = loss(o, fold);
		if (!loss.describe().equals(planned.loss().describe())) progress.message(TrainingPlan.LOSS + loss.describe() +
			" (on the training slices of this fold)");
		return new Planned(o, planned.plan().withLoss(loss.decision()), loss);
	}

	/** @return the U-Net's loss with settings {@code o} on the training slices of {@code data} */
	static LossPlan loss(final TrainingOptions o, final TrainingData data) {
		final LabelledSlices training = data.training();
		return LossPlan.of(o, data.fingerprint() == null ? null : data.fingerprint().classFrequencies(), training
			.annotatedShare(), PhaseGrey.of(training, data.coding().classes()));
	}

	/**
	 * @throws InvalidInputException if {@code options} ask for an ensemble where one network is trained (studies,
	 *           comparisons): ensembles are made by {@link TrainingRun}
	 */
	static void requireOneNetwork(final TrainingOptions options) {
		if (options.folds() > 1) throw new InvalidInputException("folds=" + options.folds() + ": cross-validation " +
			"ensembles are trained by train-unet and train-pix2pix, one network here");
	}

	/** @return the steps {@code data} passes of data ask for (in units of one step's pixels) */
	static long wantedSteps(final double data) {
		return Math.max(MIN_STEPS_TOTAL, Math.min(MAX_STEPS_TOTAL, Math.round(PASSES * data)));
	}

	private static int folds(final TrainingOptions o, final TrainingData data, final boolean sparse,
		final double budget, final Speed speed, final List<String> reasons)
	{
		final int asked = o.folds();
		if (asked != TrainingOptions.AUTO) {
			if (asked > 1 && data.labelled() == null) throw new InvalidInputException("folds=" + asked + " needs " +
				"the labelled slices to split: " + (sparse ? "sparse annotations validate on themselves" :
					"leave validation_images empty (each network validates on the fold it did not see)"));
			if (asked > 1 && !data.canFold(asked)) throw new InvalidInputException("folds=" + asked + " needs at " +
				"least " + asked + " labelled slices, but there are " + data.labelled().size());
			if (asked > 1) reasons.add(asked + " networks on folds, as given");
			return asked;
		}
		final String one;
		final double all = data.labelled() == null ? 0 : pixels(data.labelled()) / ((double) o.batchSize() * o
			.patchSize() * o.patchSize());
		if (data.labelled() == null) one = sparse ? "sparse annotations" : "validation images given";
		else if (o.epochs() != TrainingOptions.AUTO) one = "epochs given";
		else if (!data.canFold(AUTO_FOLDS)) one = "fewer than " + AUTO_FOLDS + " labelled slices";
		else if (all > MAX_FOLD_DATA) one = String.format(Locale.ROOT, "%.1f megapixels of labels are enough for " +
			"one network validated on a held-out slab", all * o.batchSize() * o.patchSize() * o.patchSize() / 1e6);
		else {
			final double each = wantedSteps(all * (AUTO_FOLDS - 1) / AUTO_FOLDS) * speed.get() * (1 + FORWARD_SHARE *
				all / AUTO_FOLDS / o.stepsPerEpoch());
			if (budget > 0 && each * AUTO_FOLDS > budget) one = String.format(Locale.ROOT, "the time budget of %s " +
				"does not fit %d networks (%s each at %.3f s per step)", Durations.format(budget), AUTO_FOLDS, Durations
					.format(each), speed.get());
			else {
				reasons.add(String.format(Locale.ROOT, "%d networks on folds (a cross-validation ensemble): %d " +
					"labelled slices, %.1f megapixels, are few", AUTO_FOLDS, data.labelled().size(), all * o
						.batchSize() * o.patchSize() * o.patchSize() / 1e6));
				return AUTO_FOLDS;
			}
		}
		reasons.add("one network: " + one);
		return 1;
	}

	private static double rareShare(final TrainingData data, final boolean sparse) {
		if (sparse || data.fingerprint() == null) return 0;
		final double[] f = data.fingerprint().classFrequencies();
		final double max = Arrays.stream(f).max().orElse(1);
		final double min = Arrays.stream(f).min().orElse(1);
		return max > LossPlan.IMBALANCE * min ? RARE_PATCH_SHARE : 0;
	}

	private static String shares(final TrainingData data) {
		final double[] f = data.fingerprint().classFrequencies();
		final StringBuilder b = new StringBuilder();
		for (int c = 0; c < f.length; c++)
			b.append(c == 0 ? "" : ", ").append(data.coding().name(c)).append(String.format(Locale.ROOT, " %.1f%%",
				100 * f[c]));
		return b.toString();
	}

	static double pixels(final LabelledSlices slices) {
		double p = 0;
		for (final LabelledSlices.Slice s : slices.slices())
			p += (double) s.width() * s.height();
		return p;
	}

	/** The measured seconds per step, measured once and only when asked for. */
	private static final class Speed {

		private final ToDoubleFunction<TrainingOptions> measure;
		private final TrainingOptions candidate;
		private double seconds = Double.NaN;

		Speed(final ToDoubleFunction<TrainingOptions> measure, final TrainingOptions candidate) {
			this.measure = measure;
			this.candidate = candidate;
		}

		double get() {
			if (Double.isNaN(seconds)) seconds = measure.applyAsDouble(candidate);
			return seconds;
		}

		boolean measured() {
			return !Double.isNaN(seconds);
		}
	}
}
