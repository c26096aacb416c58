package org.xrayseg.core.report;

import java.util.List;

import org.xrayseg.core.data.LabelCoding;
import org.xrayseg.core.model.EpochRecord;
import org.xrayseg.core.model.ModelMetadata;

/** The training history of a model as plots: losses per epoch, and validation Dice per phase. */
public final class HistoryPlot {

	private HistoryPlot() {}

	public static List<LinePlot> of(final ModelMetadata metadata) {
		final List<EpochRecord> history = metadata.training().history();
		final double[] epochs = new double[history.size()];
		for (int i = 0; i < epochs.length; i++)
			epochs[i] = history.get(i).epoch();
		final LinePlot losses = new LinePlot("Training losses", "epoch", "loss (mean over the epoch)");
		for (final String name : history.get(0).losses().keySet()) {
			final double[] y = new double[epochs.length];
			for (int i = 0; i < y.length; i++)
				y[i] = history.get(i).losses().getOrDefault(name, Double.NaN);
			losses.add(name.replace('_', ' '), epochs, y);
		}
		final LinePlot dice = new LinePlot("Validation Dice (epoch " + metadata.training().bestEpoch() + " kept)",
			"epoch", "Dice (mean over validation slices)");
		final LabelCoding coding = metadata.coding();
		for (int c = 0; c < coding.classes(); c++) {
			final double[] y = new double[epochs.length];
			for (int i = 0; i < y.length; i++)
				y[i] = history.get(i).validationDice()[c];
			dice.add(coding.name(c), epochs, y);
		}
		final double[] mean = new double[epochs.length];
		for (int i = 0; i < mean.length; i++)
			mean[i] = history.get(i).meanValidationDice();
		dice.add("mean", epochs, mean);
		return List.of(losses, dice);
	}
}
