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
import org.xrayseg.core.metrics.SegmentationScores;
import org.xrayseg.core.model.EpochRecord;
import org.xrayseg.core.model.SegmentationModel;
import org.xrayseg.core.model.TrainingSummary;
import org.xrayseg.core.progress.ProgressListener;

/**
 * The part of training that does not depend on the network: progress over
 * steps and epochs, validation after each epoch, the history, keeping the
 * weights of the epoch with the best mean validation Dice (or of the last
 * epoch, for sparse labels), and a checkpoint after every epoch from which a
 * killed run resumes.
 */
final class EpochLoop {

	private static final String BEST = "best.params";

	private final int epochs;
	private final int patience;
	private final boolean keepLast;
	private final int steps;
	private final LabelledSlices validation;
	private final int tileSize;
	private final ProgressListener progress;
	private final Checkpoint checkpoint;
	private final Map<String, String> settings;
	private final long total;
	private final List<EpochRecord> history = new ArrayList<>();
	private final long start = System.nanoTime();
	private long epochStart = System.nanoTime();
	private double earlierSeconds;
	private int firstEpoch = 1;
	private int checkpointedEpoch;
	private byte[] bestWeights;
	private int bestEpoch;
	private double bestDice = Double.NEGATIVE_INFINITY;

	/**
	 * @param checkpoint where to save after each epoch (and maybe resume from), or null
	 * @param settings the run's settings, checked against a checkpoint before resuming
	 * @param keepLast train every epoch and keep the last: validation Dice on sparse
	 *          annotations (inside the phases) does not measure where boundaries lie
	 */
	EpochLoop(final TrainingOptions options, final LabelledSlices validation, final ProgressListener progress,
		final Checkpoint checkpoint, final Map<String, String> settings, final boolean keepLast)
	{
		this.epochs = options.epochs();
		this.keepLast = keepLast;
		this.patience = keepLast ? 0 : options.patience();
		if (keepLast) progress.message("Sparse labels: every epoch is trained and the last one kept (validation " +
			"Dice on annotations inside the phases does not measure where the boundaries lie)");
		final int steps = options.stepsPerEpoch();
		final int tileSize = options.tileSize();
		this.steps = steps;
		this.validation = validation;
		this.tileSize = tileSize;
		this.progress = progress;
		this.checkpoint = checkpoint;
		this.settings = settings;
		this.total = (long) epochs * (steps + validation.size());
	}

	/** @return the networks' saved states to load before training, or null to start afresh */
	Map<String, byte[]> resume() {
		final Checkpoint.Saved saved = checkpoint == null ? null : checkpoint.restore(settings);
		if (saved == null) return null;
		final Checkpoint.State s = saved.state();
		history.addAll(s.history());
		bestEpoch = s.bestEpoch();
		bestDice = s.bestDice();
		bestWeights = saved.blobs().get(BEST);
		earlierSeconds = s.seconds();
		firstEpoch = s.epoch() + 1;
		checkpointedEpoch = s.epoch();
		progress.message("Resuming after epoch " + s.epoch() + " of " + epochs + " from " + checkpoint.file());
		return saved.blobs();
	}

	/** @return the first epoch to train: 1, or the one after a resumed checkpoint */
	int firstEpoch() {
		return firstEpoch;
	}

	/**
	 * Validates the weights training starts from (an initial model's) as
	 * epoch 0: they are kept unless an epoch validates better.
	 */
	void startFrom(final SegmentationModel model) {
		progress.update("Validating the initial model", 0, total);
		bestDice = validate(model).meanDiceOverClasses();
		bestEpoch = 0;
		bestWeights = model.weights();
		progress.message(String.format(Locale.ROOT, "Initial model: validation Dice %.4f", bestDice));
	}

	private SegmentationScores validate(final SegmentationModel model) {
		return ModelScorer.onLabelledSlices(model, validation, tileSize, progress.quiet());
	}

	void stepDone(final int epoch, final int step, final double meanLoss) {
		progress.update(String.format(Locale.ROOT, "Epoch %d/%d, step %d/%d, loss %.4f", epoch, epochs, step, steps,
			meanLoss), units(epoch - 1) + step, total);
	}

	/**
	 * Validates the model, records the epoch, keeps its weights if they are the
	 * best so far, and saves a checkpoint with {@code state} (the networks'
	 * weights and optimiser states by name).
	 */
	void endEpoch(final SegmentationModel model, final int epoch, final Map<String, Double> losses,
		final Map<String, byte[]> state)
	{
		progress.update(String.format(Locale.ROOT, "Epoch %d/%d, validating", epoch, epochs), units(epoch - 1) +
			steps, total);
		final SegmentationScores evaluation = validate(model);
		final double[] dice = new double[evaluation.coding().classes()];
		for (int c = 0; c < dice.length; c++)
			dice[c] = evaluation.meanDice(c);
		final double mean = evaluation.meanDiceOverClasses();
		final double seconds = (System.nanoTime() - epochStart) / 1e9;
		epochStart = System.nanoTime();
		history.add(new EpochRecord(epoch, losses, dice, mean, seconds));
		final boolean best = keepLast || mean > bestDice || bestWeights == null;
		if (best) {
			bestDice = mean;
			bestEpoch = epoch;
			bestWeights = model.weights();
		}
		if (checkpoint != null) {
			final Map<String, byte[]> blobs = new LinkedHashMap<>(state);
			blobs.put(BEST, bestWeights);
			checkpoint.save(new Checkpoint.State(epoch, settings, history, bestEpoch, bestDice, elapsed()), blobs);
			checkpointedEpoch = epoch;
		}
		final StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "Epoch %d/%d:", epoch, epochs));
		losses.forEach((k, v) -> line.append(String.format(Locale.ROOT, " %s %.4f", k, v)));
		line.append(String.format(Locale.ROOT, ", validation Dice %.4f (%.0f s)%s", mean, seconds, best &&
			!keepLast ? " best" : ""));
		progress.message(line.toString());
		progress.update(line.toString(), units(epoch), total);
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
			"Training stopped at epoch %d, step %d: %s. Nothing was saved%s. Try a lower learning_rate; if this " +
				"happens from the first steps on, the processor's native convolution code may be at fault: run " +
				"with the environment variable ONEDNN_MAX_CPU_ISA=SSE41",
			epoch, step, cause.getMessage(), kept));
	}

	/**
	 * @return true if training ends before {@code epoch}: past the last epoch,
	 *         or {@link TrainingOptions#patience()} epochs without a better
	 *         validation Dice (also after a resume)
	 */
	boolean endedBefore(final int epoch) {
		return epoch > epochs || patience > 0 && bestWeights != null && epoch - 1 - bestEpoch >= patience;
	}

	private String stopReason() {
		final int last = history.isEmpty() ? 0 : history.get(history.size() - 1).epoch();
		return last < epochs ? "no better validation Dice for " + (last - bestEpoch) + " epochs after epoch " +
			bestEpoch : "all " + epochs + " epochs trained";
	}

	/** Loads the best epoch's weights into {@code model} and stores the history in its metadata. */
	void keepBest(final SegmentationModel model, final Device device) {
		model.loadWeights(bestWeights);
		final double seconds = elapsed();
		model.setMetadata(model.metadata().withTraining(new TrainingSummary(settings, history, bestEpoch, seconds,
			device.toString(), stopReason())));
		progress.message(String.format(Locale.ROOT, "Kept %s (validation Dice %.4f); trained in %.0f s; stopped: %s",
			bestEpoch == 0 ? "the initial model: no epoch validated better" : "epoch " + bestEpoch, bestDice, seconds,
			stopReason()));
	}

	private double elapsed() {
		return earlierSeconds + (System.nanoTime() - start) / 1e9;
	}

	private long units(final int epochsDone) {
		return (long) epochsDone * (steps + validation.size());
	}
}
