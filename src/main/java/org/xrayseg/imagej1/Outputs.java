package org.xrayseg.imagej1;

import java.awt.GraphicsEnvironment;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ij.ImagePlus;
import ij.measure.Calibration;
import ij.measure.ResultsTable;
import ij.plugin.filter.Analyzer;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;
import net.imglib2.view.Views;

import org.scijava.module.Module;
import org.scijava.module.ModuleItem;
import org.xrayseg.core.report.Charts;
import org.xrayseg.core.report.LinePlot;
import org.xrayseg.core.report.ResultTable;

/** Shows a command's outputs the ImageJ way: tables, label images, plots, and its numbers in one summary table. */
final class Outputs {

	private static final int PLOT_WIDTH = 700;
	private static final int PLOT_HEIGHT = 400;

	/** The output of "Segment" that names the phases of its label image. */
	private static final String PHASES = "phases";

	private Outputs() {}

	/**
	 * @param input the open image the command worked on, or null: its title and
	 *          calibration go to a label image
	 * @return the label images shown
	 */
	@SuppressWarnings("unchecked")
	static List<ImagePlus> show(final Module module, final ImagePlus input, final String fallbackTitle) {
		final List<ImagePlus> shown = new ArrayList<>();
		final Map<String, Double> numbers = new LinkedHashMap<>();
		final boolean[] firstTable = { true };
		for (final ModuleItem<?> item : module.getInfo().outputs()) {
			final Object value = item.getValue(module);
			if (value instanceof ResultTable) showTable((ResultTable) value, firstTable);
			else if (value instanceof LinePlot) new ImagePlus(((LinePlot) value).title(), Charts.render((LinePlot) value,
				PLOT_WIDTH, PLOT_HEIGHT)).show();
			else if (value instanceof RandomAccessibleInterval) {
				final String title = (input != null ? input.getTitle() : fallbackTitle).replaceFirst("\\.tiff?$", "") +
					"-labels";
				final Calibration cal = input != null ? input.getCalibration() : null;
				final RandomAccessibleInterval<? extends RealType<?>> labels =
					(RandomAccessibleInterval<? extends RealType<?>>) value;
				final ImagePlus imp = ImagePlusBridge.labels(labels, title, cal, codes(labels));
				final Object phases = module.getOutput(PHASES);
				// the legend of the phase colours (Image > Show Info)
				if (phases != null) imp.setProperty("Info", ImageMetadata.PHASES_INFO + phases);
				imp.show();
				shown.add(imp);
			}
			else if (value instanceof Number) numbers.put(item.getLabel(), ((Number) value).doubleValue());
		}
		if (!numbers.isEmpty()) {
			final ResultsTable rt = new ResultsTable();
			rt.incrementCounter();
			numbers.forEach(rt::addValue);
			rt.show(module.getInfo().getLabel() + " summary");
		}
		return shown;
	}

	/**
	 * Shows a table in its own window. Without a display ImageJ shows no
	 * windows, and a macro finds no table by its title: there the command's
	 * first table becomes the Results table ({@code getResult("Dice mean", 3)}).
	 */
	private static void showTable(final ResultTable table, final boolean[] first) {
		final ResultsTable rt = toResultsTable(table);
		if (GraphicsEnvironment.isHeadless()) {
			if (first[0]) Analyzer.setResultsTable(rt);
		}
		else rt.show(table.title());
		first[0] = false;
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

	/** @return the label values present, in increasing order: each becomes a phase colour */
	private static int[] codes(final RandomAccessibleInterval<? extends RealType<?>> labels) {
		final BitSet seen = new BitSet();
		for (final RealType<?> v : Views.flatIterable(labels))
			seen.set((int) v.getRealDouble());
		return seen.stream().toArray();
	}
}
