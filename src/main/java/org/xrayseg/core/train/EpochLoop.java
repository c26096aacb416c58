package org.xrayseg.core.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import ai.djl.Device;

import org.xrayseg.core.data.LabelledSlices;
import org.xrayseg.core.error.TrainingDivergedException;
import org.xrayseg.core.metrics.ModelScorer;
import org.xrayseg.core.metrics.Stats;
import org.xrayseg.core.model.EpochRecord;
import org.xrayseg.core.model.SegmentationModel;
import org.xrayseg.core.model.TrainingPlan;
import org.xrayseg.core.model.TrainingSummary;
import org.xrayseg.core.progress.ProgressListener;
import org.xrayseg.core.runtime.CoreShare;

/**
 * The part of training that does not depend on the network: progress over
 * steps and epochs, validation after each epoch, the history, the kept weights
 * (the mean of the weights after each of the plan's last epochs, or the last
 * epoch's, see {@link TrainingPlan#selection()}), and a checkpoint after every
 * epoch from which a killed run resumes. Training runs for the planned number
 * of epochs; with a patience, it winds down early when the validation Dice,
 * smoothed over {@link #SMOOTHING} epochs, has not improved for that many
 * epochs after half of the plan: the learning rate then decays to its end
 * over the epochs that are averaged, as it would have at the plan's end.
 * Against over-fitting, the weights of the epoch at the centre of the best
 * smoothed window are kept too, and replace the mean weights where their
 * smoothed validation Dice beats the mean weights' by more than
 * {@link #MARGIN}: a margin far above the differences seen where
 * training did not over-fit (at most 0.0006 on the SOC and catalyst data,
 * bench/RESULTS.md), so that the choice is not made by the noise of a few
 * validation slices. The weights of an initial model (training continued from
 * another) are kept only where they validate better than the trained ones by
 * the same margin, and never with sparse annotations: their validation Dice
 * chooses no epoch either ({@link TrainingPlan#selection()}); held out, the
 * strokes of a few regions (often the hardest ones, where Suggest Annotations
 * sent the user) would throw away what the new annotations taught. Train from
 * Annotations keeps the model it continued from as a file.
 */
final class EpochLoop {

	/** Scores a network on the validation slices: the Dice of each phase (mean over slices). */
	interface Validator {

		double[] dice(SegmentationModel model);
	}

	/** Epochs over which the validation Dice is averaged before patience judges it. */
	static final int SMOOTHING = 3;
	/**
	 * How much better other weights must validate than the trained ones to be
	 * kept instead: an earlier epoch's (smoothed) against the mean weights, or
	 * the initial model's against the trained model's.
	 */
	static final double MARGIN = 0.003;
	private static final String AVERAGE = "average.bin";
	private static final String INITIAL = "initial.params";
	private static final String PREVIOUS = "previous.params";
	private static final String BEST = "best.params";

	private final int plannedEpochs;
	private final int patience;
	private final int averaged;
	private final boolean keepLast;
	private final int steps;
	private final int validationSlices;
	private final Validator validator;
	private final ProgressListener progress;
	private final Checkpoint checkpoint;
	private final Map<String, String> settings;
	private final int fold;
	private final int batchSize;
	/** Floating-point operations of a training step per patch (see {@link #measuring}), 0 if not given. */
	private double flopsPerSample;
	private final List<EpochRecord> history = new ArrayList<>();
	private final long start = System.nanoTime();
	private final WeightAverage average = new WeightAverage();
	private long epochStart = System.nanoTime();
	private double earlierSeconds;
	private int firstEpoch = 1;
	private int checkpointedEpoch;
	private int lastEpoch;
	private int bestSmoothedEpoch;
	/** -1 until {@link #SMOOTHING} epochs are validated (Dice lies in 0..1; the checkpoint holds no infinity). */
	private double bestSmoothed = -1;
	/** The weights after the previous epoch, and those of the centre of the best smoothed window (or null). */
	private byte[] previousWeights;
	private byte[] bestWeights;
	private byte[] initialWeights;
	/** The initial model's validation Dice, -1 without one. */
	private double initialDice = -1;

	/**
	 * @param checkpoint where to save after each epoch (and maybe resume from), or null
	 * @param settings the run's settings, checked against a checkpoint before resuming
	 * @param fold the fold this network trains on (1-based), 0 for a single network
	 */
	EpochLoop(final Planner.Planned planned, final LabelledSlices validation, final ProgressListener progress,
		final Checkpoint checkpoint, final Map<String, String> settings, final int fold)
	{
		this(planned, ValidationBudget.count(validation, planned.plan().validationPixels()), validator(planned,
			ValidationBudget.perEpoch(validation, planned.plan().validationPixels()), progress), progress, checkpoint,
			settings, fold);
	}

	/** @return the Dice of {@code slices} (those scored after each epoch), as Segment would predict them */
	private static Validator validator(final Planner.Planned planned, final LabelledSlices slices,
		final ProgressListener progress)
	{
		// with the inference network in the training's number format: bfloat16 where it trains so
		return model -> ModelScorer.onLabelledSlices(model, slices, planned.options().tileSize(), TrainingPrecision.of(
			planned.options()), progress.quiet()).meanDicePerClass();
	}

	/** @param validator scores the network on {@code validationSlices} held-out slices */
	EpochLoop(final Planner.Planned planned, final int validationSlices, final Validator validator,
		final ProgressListener progress, final Checkpoint checkpoint, final Map<String, String> settings,
		final int fold)
	{
		final TrainingOptions options = planned.options();
		final TrainingPlan plan = planned.plan();
		this.plannedEpochs = options.epochs();
		this.lastEpoch = plannedEpochs;
		this.keepLast = TrainingPlan.LAST.equals(plan.selection());
		this.averaged = keepLast ? 1 : Math.max(1, Math.min(plannedEpochs, plan.averagedEpochs()));
		this.patience = keepLast ? 0 : options.patience();
		this.steps = options.stepsPerEpoch();
		this.validationSlices = validationSlices;
		this.validator = validator;
		this.progress = progress;
		this.checkpoint = checkpoint;
		this.settings = settings;
		this.fold = fold;
		this.batchSize = options.batchSize();
		CoreShare.start();
	}

	/**
	 * @param flops floating-point operations of a training step per patch ({@link org.xrayseg.core.model.Flops})
	 * @return this loop, which then records each epoch's share of the machine's peak
	 */
	EpochLoop measuring(final double flops) {
		flopsPerSample = flops;
		return this;
	}

	/** @return the networks' saved states to load before training, or null to start afresh */
	Map<String, byte[]> resume() {
		final Checkpoint.Saved saved = checkpoint == null ? null : checkpoint.restore(settings);
		if (saved == null) return null;
		final Checkpoint.State s = saved.state();
		history.addAll(s.history());
		lastEpoch = s.lastEpoch();
		bestSmoothedEpoch = s.bestSmoothedEpoch();
		bestSmoothed = s.bestSmoothedDice();
		initialDice = s.initialDice();
		initialWeights = saved.blobs().get(INITIAL);
		previousWeights = saved.blobs().get(PREVIOUS);
		bestWeights = saved.blobs().get(BEST);
		if (saved.blobs().containsKey(AVERAGE)) average.restore(saved.blobs().get(AVERAGE));
		earlierSeconds = s.seconds();
		firstEpoch = s.epoch() + 1;
		checkpointedEpoch = s.epoch();
		progress.message("Resuming after epoch " + s.epoch() + " of " + lastEpoch + " from " + checkpoint.file());
		return saved.blobs();
	}

	/** @return the first epoch to train: 1, or the one after a resumed checkpoint */
	int firstEpoch() {
		epochStart = System.nanoTime(); // the first epoch's time without setting up
		return firstEpoch;
	}

	/** @return the optimiser steps of the whole run as now planned (shorter once it winds down) */
	int totalSteps() {
		return lastEpoch * steps;
	}

	/** @return the step after which the learning rate winds down to its end by {@link #totalSteps()}, or 0 */
	int windDownFrom() {
		return lastEpoch < plannedEpochs ? (lastEpoch - averaged) * steps : 0;
	}

	/**
	 * Validates the weights training starts from (an initial model's) as
	 * epoch 0: they are kept if they validate better than the trained weights
	 * by {@link #MARGIN}, and so held only where that can be (not with sparse
	 * annotations).
	 */
	void startFrom(final SegmentationModel model) {
		progress.update("Validating the initial model", 0, total());
		initialDice = Stats.mean(validator.dice(model));
		if (!keepLast) initialWeights = model.weights();
		progress.message(String.format(Locale.ROOT, "Initial model: validation Dice %.4f", initialDice));
	}

	void stepDone(final int epoch, final int step, final double meanLoss) {
		final CoreShare.Load load = CoreShare.adjust(); // at most once a second: a program that starts mid-epoch
		progress.update(String.format(Locale.ROOT, "%sEpoch %d/%d, step %d/%d, loss %.4f%s", prefix(), epoch, lastEpoch,
			step, steps, meanLoss, load.aside()), units(epoch - 1) + step, total());
	}

	private String prefix() {
		return fold > 0 ? "Fold " + fold + ": " : "";
	}

	/**
	 * Validates the model, records the epoch, adds its weights to the average
	 * if the epoch is one of the last, decides whether to wind down, and saves
	 * a checkpoint with {@code state} (the networks' weights and optimiser
	 * states by name).
	 */
	void endEpoch(final SegmentationModel model, final int epoch, final Map<String, Double> losses,
		final Map<String, byte[]> state)
	{
		progress.update(String.format(Locale.ROOT, "%sEpoch %d/%d, validating", prefix(), epoch, lastEpoch), units(
			epoch - 1) + steps, total());
		final double stepSeconds = (System.nanoTime() - epochStart) / 1e9;
		final int threads = CoreShare.current().threads();
		final CoreShare.Load load = CoreShare.adjust(); // from the epoch's steps: validation runs with the new count
		final double samplesPerSecond = (double) steps * batchSize / stepSeconds;
		final double peakShare = flopsPerSample > 0 ? samplesPerSecond * flopsPerSample / 1e9 / MatmulPeak.ifQuiet()
			: Double.NaN;
		final double[] dice = validator.dice(model);
		final double mean = Stats.mean(dice);
		final double seconds = (System.nanoTime() - epochStart) / 1e9;
		epochStart = System.nanoTime();
		history.add(new EpochRecord(epoch, losses, dice, mean, seconds, fold, false, threads, load.taken(),
			samplesPerSecond, peakShare));
		if (!keepLast && epoch > lastEpoch - averaged) average.add(model.block());
		final String windDown = judge(epoch);
		if (!keepLast) previousWeights = model.weights();
		if (checkpoint != null) {
			final Map<String, byte[]> blobs = new LinkedHashMap<>(state);
			blobs.put(AVERAGE, average.state());
			if (initialWeights != null) blobs.put(INITIAL, initialWeights);
			if (previousWeights != null) blobs.put(PREVIOUS, previousWeights);
			if (bestWeights != null) blobs.put(BEST, bestWeights);
			checkpoint.save(new Checkpoint.State(epoch, settings, history, lastEpoch, bestSmoothedEpoch, bestSmoothed,
				initialDice, elapsed()), blobs);
			checkpointedEpoch = epoch;
		}
		final StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%sEpoch %d/%d:", prefix(), epoch,
			lastEpoch));
		losses.forEach((k, v) -> line.append(String.format(Locale.ROOT, " %s %.4f", k, v)));
		line.append(String.format(Locale.ROOT, ", validation Dice %.4f (%.0f s%s)%s", mean, seconds, load.busy() ? "; " +
			load.note() : "", epoch > lastEpoch - averaged && !keepLast ? " averaged" : ""));
		progress.message(line.toString());
		if (windDown != null) progress.message(windDown);
		progress.update(line.toString(), units(epoch), total());
	}

	/**
	 * Tracks the smoothed validation Dice (keeping the weights at the centre of
	 * its best window) and winds down when patience runs out.
	 *
	 * @return a line saying that training winds down, or null
	 */
	private String judge(final int epoch) {
		if (keepLast || history.size() < SMOOTHING) return null;
		double sum = 0;
		for (int i = history.size() - SMOOTHING; i < history.size(); i++)
			sum += history.get(i).meanValidationDice();
		final double smoothed = sum / SMOOTHING;
		if (smoothed > bestSmoothed) {
			bestSmoothed = smoothed;
			bestSmoothedEpoch = epoch;
			bestWeights = previousWeights;
			return null;
		}
		if (patience <= 0 || lastEpoch < plannedEpochs || epoch < plannedEpochs / 2 || epoch - bestSmoothedEpoch < patience ||
			epoch + averaged >= lastEpoch) return null;
		lastEpoch = epoch + averaged;
		return String.format(Locale.ROOT, "%sNo better validation Dice (mean of %d epochs) for %d epochs after epoch " +
			"%d: winding down over %d more epoch%s (the learning rate decays to its end, their weights are averaged)",
			prefix(), SMOOTHING, epoch - bestSmoothedEpoch, bestSmoothedEpoch, averaged, averaged == 1 ? "" : "s");
	}

	/**
	 * @return the error that ends a run whose step {@code step} of epoch
	 *         {@code epoch} was not finite: where it stopped, what was not
	 *         finite, what is kept and what to try
	 */
	TrainingDivergedException diverged(final int epoch, final int step, final NonFiniteException cause) {
		final String kept = checkpointedEpoch > 0 ? "; the checkpoint after epoch " + checkpointedEpoch +
			" is kept (resume=true continues from it)" : "";
		return new TrainingDivergedException(String.format(Locale.ROOT,
			"Training stopped at %sepoch %d, step %d: %s. Nothing was saved%s. Try a lower learning_rate; if this " +
				"happens from the first steps on, the processor's native convolution code may be at fault: run " +
				"with the environment variable ONEDNN_MAX_CPU_ISA=SSE41",
			fold > 0 ? "fold " + fold + ", " : "", epoch, step, cause.getMessage(), kept));
	}

	/** @return true if training ends before {@code epoch}: past the planned (or wound-down) last epoch */
	boolean endedBefore(final int epoch) {
		return epoch > lastEpoch;
	}

	private String stopReason() {
		return lastEpoch < plannedEpochs ? "wound down after epoch " + bestSmoothedEpoch + " was best (patience " +
			patience + ")" : "all " + plannedEpochs + " planned epochs trained";
	}

	/**
	 * Loads the kept weights into {@code model} (the mean of the last epochs',
	 * or the last epoch's; an earlier epoch's where training over-fitted; the
	 * initial model's if it validates better by {@link #MARGIN}, not with sparse annotations), validates them, and stores the
	 * history in the model's metadata.
	 */
	void keep(final SegmentationModel model, final Device device) {
		if (!keepLast && average.count() > 0) average.loadInto(model.block());
		int first = keepLast ? lastEpoch : lastEpoch - average.count() + 1;
		int last = lastEpoch;
		String kept = keepLast || average.count() <= 1 ? "the weights of epoch " + lastEpoch : "the mean weights of " +
			"epochs " + first + "-" + lastEpoch;
		progress.update(prefix() + "Validating the kept weights", total(), total());
		double dice = Stats.mean(validator.dice(model));
		int best = lastEpoch;
		if (bestWeights != null && bestSmoothed > dice + MARGIN) {
			final int centre = bestSmoothedEpoch - SMOOTHING / 2;
			model.loadWeights(bestWeights);
			kept = String.format(Locale.ROOT, "the weights of epoch %d: training over-fitted (validation Dice %.4f " +
				"around it, mean of %d epochs, against %.4f for %s)", centre, bestSmoothed, SMOOTHING, dice, kept);
			dice = history.stream().filter(r -> r.epoch() == centre).findFirst().orElseThrow().meanValidationDice();
			best = first = last = centre;
		}
		if (keepLast && initialDice > dice) progress.message(String.format(Locale.ROOT, "%sThe initial model " +
			"validates better on the held-out annotations (%.4f against %.4f), which do not decide with sparse " +
			"annotations (see the plan): the trained weights are kept", prefix(), initialDice, dice));
		else if (initialWeights != null && initialDice > dice + MARGIN) {
			model.loadWeights(initialWeights);
			kept = String.format(Locale.ROOT, "the initial model: it validates better than %s by more than %.3f " +
				"(%.4f against %.4f)", kept, MARGIN, initialDice, dice);
			dice = initialDice;
			best = 0;
		}
		else if (initialDice > dice) progress.message(String.format(Locale.ROOT, "%sThe initial model validates " +
			"better by %.4f, within the margin of %.3f that a few validation slices resolve: the trained weights are " +
			"kept", prefix(), initialDice - dice, MARGIN));
		final List<EpochRecord> marked = new ArrayList<>();
		for (final EpochRecord r : history)
			marked.add(best > 0 && r.epoch() >= first && r.epoch() <= last ? r.asKept() : r);
		final double seconds = elapsed();
		model.setMetadata(model.metadata().withTraining(new TrainingSummary(settings, marked, best, seconds, device
			.toString(), stopReason(), kept, dice)));
		progress.message(String.format(Locale.ROOT, "%sKept %s (validation Dice %.4f); trained in %.0f s; %s",
			prefix(), kept, dice, seconds, stopReason()));
	}

	private double elapsed() {
		return earlierSeconds + (System.nanoTime() - start) / 1e9;
	}

	private long total() {
		return units(lastEpoch) + 1;
	}

	private long units(final int epochsDone) {
		return (long) epochsDone * (steps + validationSlices);
	}
}
