package org.xrayseg.core.report;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import org.xrayseg.core.data.LabelCoding;
import org.xrayseg.core.model.EpochRecord;
import org.xrayseg.core.model.ModelMetadata;
import org.xrayseg.core.model.TrainingSummary;

/**
 * The training history of a model as plots: losses per epoch, and validation
 * Dice per phase (for an ensemble, the mean validation Dice of each fold's
 * network on the fold it did not see).
 */
public final class HistoryPlot {

	private HistoryPlot() {}

	public static List<LinePlot> of(final ModelMetadata metadata) {
		final TrainingSummary training = metadata.training();
		final TreeMap<Integer, List<EpochRecord>> folds = new TreeMap<>();
		for (final EpochRecord r : training.history())
			folds.computeIfAbsent(r.fold(), f -> new ArrayList<>()).add(r);
		final boolean ensemble = folds.size() > 1 || !folds.containsKey(0);
		final LinePlot losses = new LinePlot("Training losses", "epoch", "loss (mean over the epoch)");
		final LinePlot dice = new LinePlot("Validation Dice (kept: " + (training.kept() == null ? "epoch " + training
			.bestEpoch() : training.kept()) + ")", "epoch", "Dice (mean over validation slices)");
		for (final var e : folds.entrySet()) {
			final List<EpochRecord> history = e.getValue();
			final String suffix = ensemble ? " (fold " + e.getKey() + ")" : "";
			final double[] epochs = new double[history.size()];
			for (int i = 0; i < epochs.length; i++)
				epochs[i] = history.get(i).epoch();
			for (final String name : history.get(0).losses().keySet()) {
				final double[] y = new double[epochs.length];
				for (int i = 0; i < y.length; i++)
					y[i] = history.get(i).losses().getOrDefault(name, Double.NaN);
				losses.add(name.replace('_', ' ') + suffix, epochs, y);
			}
			if (!ensemble) {
				final LabelCoding coding = metadata.coding();
				for (int c = 0; c < coding.classes(); c++) {
					final double[] y = new double[epochs.length];
					for (int i = 0; i < y.length; i++)
						y[i] = history.get(i).validationDice()[c];
					dice.add(coding.name(c), epochs, y);
				}
			}
			final double[] mean = new double[epochs.length];
			for (int i = 0; i < mean.length; i++)
				mean[i] = history.get(i).meanValidationDice();
			dice.add(ensemble ? "mean, fold " + e.getKey() : "mean", epochs, mean);
		}
		return List.of(losses, dice);
	}
}
