package org.xrayseg.core.report;

import java.util.ArrayList;
import java.util.List;

import org.xrayseg.core.data.LabelCoding;
import org.xrayseg.core.model.EpochRecord;
import org.xrayseg.core.model.ModelMetadata;

/** The training history of a model as a table: one row per epoch. */
public final class HistoryTable {

	private HistoryTable() {}

	public static ResultTable of(final ModelMetadata metadata) {
		final List<EpochRecord> history = metadata.training().history();
		final boolean folds = history.stream().anyMatch(r -> r.fold() > 0);
		final boolean marked = history.stream().anyMatch(EpochRecord::kept);
		final boolean load = history.stream().anyMatch(r -> r.threads() > 0); // not in models of earlier versions
		final List<String> columns = new ArrayList<>();
		if (folds) columns.add("fold");
		columns.add("epoch");
		columns.addAll(history.get(0).losses().keySet());
		final LabelCoding coding = metadata.coding();
		for (int c = 0; c < coding.classes(); c++)
			columns.add("validation Dice " + coding.name(c));
		columns.add("validation Dice mean");
		columns.add("seconds");
		if (load) {
			columns.add("threads");
			columns.add("cores wanted by other programs");
		}
		final boolean speed = history.stream().anyMatch(r -> r.samplesPerSecond() > 0); // idem
		if (speed) {
			columns.add("patches per second");
			columns.add("share of peak");
		}
		columns.add("kept");
		final ResultTable t = new ResultTable("Training history", columns.toArray(new String[0]));
		for (final EpochRecord r : history) {
			final List<Object> row = new ArrayList<>();
			if (folds) row.add(r.fold());
			row.add(r.epoch());
			row.addAll(r.losses().values());
			for (final double d : r.validationDice())
				row.add(d);
			row.add(r.meanValidationDice());
			row.add(r.seconds());
			if (load) {
				row.add(r.threads());
				row.add(r.coresTaken());
			}
			if (speed) {
				row.add(r.samplesPerSecond());
				row.add(r.peakShare());
			}
			// models of earlier versions kept the weights of their best epoch
			row.add((marked ? r.kept() : r.epoch() == metadata.training().bestEpoch()) ? "yes" : "");
			t.add(row.toArray());
		}
		return t;
	}
}
