package org.xrayseg.core.study;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.xrayseg.core.metrics.SegmentationScores;
import org.xrayseg.core.report.LinePlot;
import org.xrayseg.core.report.ResultTable;

/**
 * The results of a study: one row per step (its variables, then Dice mean and
 * std of every phase over the test slices, and their mean), as a table and as
 * a plot of Dice against the study's variable with mean +- std bands; both
 * written to the output folder as CSV and PNG.
 */
public record StudyReport(ResultTable table, LinePlot plot) {

	/** @return "Dice CODE" and "Dice CODE std" for every phase, then "Dice mean" */
	static Map<String, Double> scores(final SegmentationScores e) {
		final Map<String, Double> m = new LinkedHashMap<>();
		for (int c = 0; c < e.coding().classes(); c++) {
			m.put("Dice " + e.coding().code(c), e.meanDice(c));
			m.put("Dice " + e.coding().code(c) + " std", e.stdDice(c));
		}
		m.put("Dice mean", e.meanDiceOverClasses());
		return m;
	}

	/**
	 * @param labels the text columns of each row (e.g. the model), may be empty
	 * @param rows the numeric results of each step, all with the same keys
	 * @param x the key plotted on the x axis
	 * @param series the key that tells rows of different lines apart (e.g.
	 *          "noise"), or null for one line per phase
	 */
	static StudyReport of(final String title, final List<Map<String, String>> labels,
		final List<Map<String, Double>> rows, final String x, final String xLabel, final String series, final int[] codes)
	{
		final List<String> columns = new ArrayList<>(labels.isEmpty() ? List.of() : labels.get(0).keySet());
		columns.addAll(rows.get(0).keySet());
		final ResultTable table = new ResultTable(title, columns.toArray(new String[0]));
		for (int r = 0; r < rows.size(); r++) {
			final List<Object> row = new ArrayList<>();
			if (!labels.isEmpty()) row.addAll(labels.get(r).values());
			row.addAll(rows.get(r).values());
			table.add(row.toArray());
		}
		final LinePlot plot = new LinePlot(title, xLabel, series == null
			? "Dice on the test slices (mean +- std over slices)" : "Dice on the test slices (mean of the phases)");
		if (series == null) for (final int code : codes)
			addLine(plot, "phase " + code, rows, x, "Dice " + code);
		else {
			final Map<String, List<Map<String, Double>>> groups = new LinkedHashMap<>();
			for (int r = 0; r < rows.size(); r++)
				groups.computeIfAbsent(labels.get(r).get(series), k -> new ArrayList<>()).add(rows.get(r));
			groups.forEach((name, group) -> addLine(plot, name + ", mean of phases", group, x, "Dice mean"));
		}
		return new StudyReport(table, plot);
	}

	private static void addLine(final LinePlot plot, final String name, final List<Map<String, Double>> all,
		final String x, final String key)
	{
		final List<Map<String, Double>> rows = all.stream().filter(r -> Double.isFinite(r.get(x))).toList();
		final double[] xs = new double[rows.size()];
		final double[] y = new double[rows.size()];
		final double[] low = new double[rows.size()];
		final double[] high = new double[rows.size()];
		for (int i = 0; i < xs.length; i++) {
			xs[i] = rows.get(i).get(x);
			y[i] = rows.get(i).get(key);
			final Double std = rows.get(i).get(key + " std");
			low[i] = std == null ? y[i] : y[i] - std;
			high[i] = std == null ? y[i] : y[i] + std;
		}
		plot.add(name, xs, y, low, high);
	}

	/** Writes NAME.csv and NAME.png into {@code folder}. */
	void write(final Path folder, final String name) {
		table.writeCsv(folder.resolve(name + ".csv"), true);
		LinePlot.writePng(List.of(plot), 760, 460, folder.resolve(name + ".png"), true);
	}
}
