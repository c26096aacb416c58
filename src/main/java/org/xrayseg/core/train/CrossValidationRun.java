package org.xrayseg.core.train;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.xrayseg.core.data.LabelCoding;
import org.xrayseg.core.data.TrainingData;
import org.xrayseg.core.metrics.ModelScorer;
import org.xrayseg.core.metrics.SegmentationScores;
import org.xrayseg.core.model.Calibration;
import org.xrayseg.core.model.CrossValidation;
import org.xrayseg.core.model.EpochRecord;
import org.xrayseg.core.model.ModelFile;
import org.xrayseg.core.model.SegmentationModel;
import org.xrayseg.core.model.TrainingSummary;
import org.xrayseg.core.progress.ProgressListener;

/**
 * Trains a cross-validation ensemble (as nnU-Net does for small data): the
 * labelled slices are split into k folds ({@link TrainingData#fold}), one
 * network trains on the other folds and validates on each, and every slice is
 * then segmented by the network that did not see it. Those scores are the
 * cross-validated Dice: an honest estimate of how well the ensemble segments
 * new slices. The ensemble averages its networks' class probabilities. A
 * killed run resumes: each fold has its own checkpoint, and finished networks
 * are kept next to the model file until the ensemble is saved.
 */
final class CrossValidationRun {

	/** The ensemble and its scores on the held-out slices. */
	record Result(SegmentationModel ensemble, SegmentationScores heldOut) {}

	private CrossValidationRun() {}

	/**
	 * @param checkpoint the run's checkpoint: each fold's is made from it
	 * @return the ensemble (owned by the caller) with the cross-validated Dice in its metadata
	 */
	static Result train(final TrainingData data, final Planner.Planned planned, final TrainingRun.NetworkTrainer trainer,
		final Checkpoint checkpoint, final ProgressListener progress)
	{
		final int k = planned.plan().folds();
		final LabelCoding coding = data.coding();
		final SegmentationScores held = new SegmentationScores(coding);
		final List<SegmentationModel> networks = new ArrayList<>();
		final List<String> heldOut = new ArrayList<>();
		final List<EpochRecord> history = new ArrayList<>();
		final long start = System.nanoTime();
		try {
			for (int f = 1; f <= k; f++) {
				final TrainingData fold = data.fold(f - 1, k);
				heldOut.add(fold.validation().describe());
				final ProgressListener part = progress.slice(f - 1, 1, k);
				final Planner.Planned p = Planner.forFold(planned, fold, f, part);
				final Path done = checkpoint.foldModel(f);
				final SegmentationModel network;
				if (checkpoint.resumes() && Files.isRegularFile(done)) {
					network = ModelFile.load(done, org.xrayseg.core.runtime.DjlRuntime.device(p.options().device()));
					progress.message("Fold " + f + "/" + k + ": trained before, read from " + done);
				}
				else {
					progress.message("Fold " + f + "/" + k + ": validating on " + fold.validation().describe());
					network = trainer.train(fold, p, checkpoint.forFold(f), f, part);
					ModelFile.save(network, done, true);
					checkpoint.forFold(f).delete();
				}
				networks.add(network);
				for (final EpochRecord r : network.metadata().training().history())
					history.add(r.inFold(f));
				final SegmentationScores s = ModelScorer.onLabelledSlices(network, fold.validation(), p.options()
					.tileSize(), part.quiet());
				for (int i = 0; i < s.slices(); i++)
					held.add(s.sliceNames().get(i), s.slice(i));
			}
			final double[] mean = new double[coding.classes()];
			final double[] std = new double[coding.classes()];
			final StringBuilder line = new StringBuilder("Cross-validated Dice (each slice segmented by the network " +
				"that did not see it):");
			for (int c = 0; c < mean.length; c++) {
				mean[c] = held.meanDice(c);
				std[c] = held.stdDice(c);
				line.append(String.format(Locale.ROOT, " %s %.4f +- %.4f;", coding.name(c), mean[c], std[c]));
			}
			final CrossValidation cv = new CrossValidation(k, mean, std, held.slices(), List.copyOf(heldOut));
			line.append(String.format(Locale.ROOT, " mean %.4f over %d slices", cv.meanDice(), held.slices()));
			progress.message(line.toString());
			final TrainingSummary first = networks.get(0).metadata().training();
			final double seconds = (System.nanoTime() - start) / 1e9;
			final TrainingSummary summary = new TrainingSummary(planned.options().asMap(), history, first.bestEpoch(),
				seconds, first.device(), first.stopReason() + " in each of " + k + " folds", "in each of " + k +
					" networks, " + first.kept(), cv.meanDice());
			final Calibration calibration = TemperatureFit.ofEnsemble(networks.stream().map(n -> n.metadata()
				.probabilityCalibration()).toList());
			progress.message(TemperatureFit.describeEnsemble(calibration, k));
			final SegmentationModel ensemble = SegmentationModel.ensemble(networks, networks.get(0).metadata()
				.withTraining(summary).withPlan(planned.plan()).asEnsemble(k, cv).withCalibration(calibration));
			progress.message(String.format(Locale.ROOT, "Ensemble of %d networks trained in %.0f s; segmenting " +
				"averages their class probabilities", k, seconds));
			return new Result(ensemble, held);
		}
		catch (final RuntimeException e) {
			networks.forEach(SegmentationModel::close);
			throw e;
		}
	}

	/** Removes the networks kept for resuming, once the ensemble is saved. */
	static void clean(final Checkpoint checkpoint, final int k) throws java.io.IOException {
		for (int f = 1; f <= k; f++) {
			Files.deleteIfExists(checkpoint.foldModel(f));
			checkpoint.forFold(f).delete();
		}
	}
}
