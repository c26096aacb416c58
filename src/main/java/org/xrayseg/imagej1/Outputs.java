package org.xrayseg.imagej1;

import java.awt.Color;
import java.util.BitSet;

import ij.IJ;
import ij.ImagePlus;
import ij.gui.Plot;
import ij.measure.Calibration;
import ij.measure.ResultsTable;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;
import net.imglib2.view.Views;

import org.scijava.module.Module;
import org.scijava.module.ModuleItem;
import org.xrayseg.core.report.LinePlot;
import org.xrayseg.core.report.ResultTable;

/** Shows a command's outputs the ImageJ way: tables, label images, plots, numbers in the Log. */
final class Outputs {

	private static final Color[] COLOURS = { new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
		new Color(0xff7f0e), new Color(0x9467bd), new Color(0x8c564b) };

	private Outputs() {}

	/**
	 * @param input the open image the command worked on, or null: its title and
	 *          calibration go to a label image
	 */
	@SuppressWarnings("unchecked")
	static void show(final Module module, final ImagePlus input, final String fallbackTitle) {
		for (final ModuleItem<?> item : module.getInfo().outputs()) {
			final Object value = item.getValue(module);
			if (value instanceof ResultTable) toResultsTable((ResultTable) value).show(((ResultTable) value).title());
			else if (value instanceof LinePlot) toPlot((LinePlot) value).show();
			else if (value instanceof RandomAccessibleInterval) {
				final String title = (input != null ? input.getTitle() : fallbackTitle).replaceFirst("\\.tiff?$", "") +
					"-labels";
				final Calibration cal = input != null ? input.getCalibration() : null;
				final RandomAccessibleInterval<? extends RealType<?>> labels =
					(RandomAccessibleInterval<? extends RealType<?>>) value;
				ImagePlusBridge.labels(labels, title, cal, codes(labels)).show();
			}
			else if (value instanceof Number) IJ.log(item.getLabel() + ": " + value);
		}
	}

	static ResultsTable toResultsTable(final ResultTable t) {
		final ResultsTable rt = new ResultsTable();
		final boolean[] fractional = new boolean[t.columns().size()];
		for (int r = 0; r < t.rowCount(); r++) {
			rt.incrementCounter();
			for (int c = 0; c < t.columns().size(); c++) {
				final Object v = t.get(r, t.columns().get(c));
				if (v instanceof Number) {
					final double d = ((Number) v).doubleValue();
					rt.addValue(t.columns().get(c), d);
					fractional[c] |= d != Math.rint(d);
				}
				else rt.addValue(t.columns().get(c), String.valueOf(v));
			}
		}
		for (int c = 0; c < fractional.length; c++)
			rt.setDecimalPlaces(rt.getColumnIndex(t.columns().get(c)), fractional[c] ? 4 : 0);
		return rt;
	}

	static Plot toPlot(final LinePlot p) {
		final Plot plot = new Plot(p.title(), p.xLabel(), p.yLabel());
		final StringBuilder legend = new StringBuilder();
		for (int i = 0; i < p.series().size(); i++) {
			final LinePlot.Series s = p.series().get(i);
			plot.setColor(COLOURS[i % COLOURS.length]);
			plot.setLineWidth(2);
			plot.addPoints(s.x(), s.y(), Plot.CONNECTED_CIRCLES);
			legend.append(s.name()).append('\n');
			if (s.low() != null) {
				plot.setLineWidth(1);
				plot.addPoints(s.x(), s.low(), Plot.LINE);
				plot.addPoints(s.x(), s.high(), Plot.LINE);
				legend.append('\n').append('\n');
			}
		}
		plot.setLegend(legend.toString(), Plot.AUTO_POSITION);
		plot.setLimitsToFit(false);
		return plot;
	}

	/** @return the label values present, in increasing order: each becomes a phase colour */
	private static int[] codes(final RandomAccessibleInterval<? extends RealType<?>> labels) {
		final BitSet seen = new BitSet();
		for (final RealType<?> v : Views.flatIterable(labels))
			seen.set((int) v.getRealDouble());
		return seen.stream().toArray();
	}
}
