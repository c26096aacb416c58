package org.xrayseg.core.compare;

import java.util.ArrayList;
import java.util.List;

import org.xrayseg.core.data.LabelCoding;
import org.xrayseg.core.report.ResultTable;

/** One row per method: Dice mean and std of every phase over the test slices, mean Dice, times. */
public final class ComparisonTable {

	private ComparisonTable() {}

	public static ResultTable of(final List<MethodResult> results) {
		final LabelCoding coding = results.get(0).evaluation().coding();
		final List<String> columns = new ArrayList<>();
		columns.add("method");
		for (int c = 0; c < coding.classes(); c++) {
			columns.add("Dice " + coding.name(c) + " mean");
			columns.add("Dice " + coding.name(c) + " std");
		}
		columns.add("Dice mean");
		columns.add("training s");
		columns.add("inference s/slice");
		final ResultTable t = new ResultTable("Method comparison", columns.toArray(new String[0]));
		for (final MethodResult r : results) {
			final List<Object> row = new ArrayList<>();
			row.add(r.method());
			for (int c = 0; c < coding.classes(); c++) {
				row.add(r.evaluation().meanDice(c));
				row.add(r.evaluation().stdDice(c));
			}
			row.add(r.evaluation().meanDiceOverClasses());
			row.add(r.trainingSeconds());
			row.add(r.secondsPerSlice());
			t.add(row.toArray());
		}
		return t;
	}
}
