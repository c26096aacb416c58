package org.xrayseg.core.infer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.xrayseg.core.data.LabelCoding;
import org.xrayseg.core.report.LinePlot;
import org.xrayseg.core.report.ResultTable;

/**
 * The quality estimate of a segmented volume: one row per slice with the
 * estimated Dice of each phase ({@link SliceQuality}), their mean, the share
 * of uncertain pixels and a flag, and a plot of the estimates along the
 * volume. A slice is flagged "low" where its estimated mean Dice lies below
 * the volume's median by more than {@link #LOW_MARGIN} or three robust
 * standard deviations (whichever is larger), and "unlike training" where its
 * grey values are unlike the training images' ({@link GreyShift}): there the
 * estimate is less sure (corrected from simulated changes of scan conditions
 * where the model measured them, not to be trusted where it did not).
 */
public final class QualityTable {

	/** The least drop below the median that flags a slice. */
	public static final double LOW_MARGIN = 0.02;

	private final LabelCoding coding;
	private final boolean corrected;
	private final List<String> names = new ArrayList<>();
	private final List<SliceQuality> rows = new ArrayList<>();
	private final List<Boolean> unlike = new ArrayList<>();

	/** @param corrected whether the estimates are corrected for changes of scan conditions ({@link SliceQuality#estimate}) */
	public QualityTable(final LabelCoding coding, final boolean corrected) {
		this.coding = coding;
		this.corrected = corrected;
	}

	/** Adds the next slice. */
	public void add(final String name, final SliceQuality quality, final boolean unlikeTraining) {
		names.add(name);
		rows.add(quality);
		unlike.add(unlikeTraining);
	}

	/** @return the slices so far */
	public int size() {
		return rows.size();
	}

	/** @return the estimated mean Dice under which a slice is flagged low */
	public double lowBelow() {
		final double[] means = rows.stream().mapToDouble(SliceQuality::meanDice).filter(d -> !Double.isNaN(d))
			.sorted().toArray();
		if (means.length == 0) return Double.NaN;
		final double median = median(means);
		final double[] deviations = Arrays.stream(means).map(m -> Math.abs(m - median)).sorted().toArray();
		return median - Math.max(LOW_MARGIN, 3 * 1.4826 * median(deviations));
	}

	/** @return the table: slice, estimated Dice of each phase, their mean, uncertain share, flag */
	public ResultTable table() {
		final List<String> columns = new ArrayList<>(List.of("slice"));
		for (int c = 0; c < coding.classes(); c++)
			columns.add("estimated Dice " + coding.name(c));
		columns.addAll(List.of("estimated Dice mean", "uncertain share", "flag"));
		final ResultTable t = new ResultTable("Quality estimate", columns.toArray(new String[0]));
		final double low = lowBelow();
		for (int r = 0; r < rows.size(); r++) {
			final SliceQuality q = rows.get(r);
			final List<Object> row = new ArrayList<>(List.of(names.get(r)));
			for (final double d : q.dice())
				row.add(Double.isNaN(d) ? "" : d);
			row.add(q.meanDice());
			row.add(q.uncertain());
			final List<String> flags = new ArrayList<>();
			if (q.meanDice() < low) flags.add("low");
			if (unlike.get(r)) flags.add("unlike training");
			row.add(String.join(", ", flags));
			t.add(row.toArray());
		}
		return t;
	}

	/** @return the estimated Dice of each phase along the volume */
	public LinePlot plot() {
		final double[] x = new double[rows.size()];
		for (int i = 0; i < x.length; i++)
			x[i] = i + 1;
		final LinePlot plot = new LinePlot("Estimated Dice along the volume", "slice", "estimated Dice");
		for (int c = 0; c < coding.classes(); c++) {
			final int phase = c;
			plot.add(coding.name(c), x, rows.stream().mapToDouble(q -> q.dice()[phase]).toArray());
		}
		return plot;
	}

	/** @return one line: the estimated mean Dice over the volume and the flagged slices */
	public String summary() {
		final double mean = rows.stream().mapToDouble(SliceQuality::meanDice).filter(d -> !Double.isNaN(d)).average()
			.orElse(Double.NaN);
		final double low = lowBelow();
		final long lows = rows.stream().filter(q -> q.meanDice() < low).count();
		final long unlikes = unlike.stream().filter(u -> u).count();
		return String.format(Locale.ROOT, "Quality estimate (no reference, from the calibrated probabilities%s): " +
			"mean Dice %.4f over %d slices; %d flagged low%s", corrected ? ", corrected for changes of scan conditions"
				: "", mean, rows.size(), lows, unlikes == 0 ? "" : String.format(Locale.ROOT, "; %d unlike the " +
					"training images: %s", unlikes, corrected ? "their estimates are less sure (corrected by how the " +
						"model erred on simulated changes of scan conditions)" : "do not trust their estimates (a " +
							"network can be sure and wrong there; models of this version correct for that)"));
	}

	private static double median(final double[] sorted) {
		final int n = sorted.length;
		return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
	}
}
