package org.xrayseg.core.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.xrayseg.core.io.AtomicOutput;

/**
 * Draws {@link LinePlot}s with JFreeChart (the charting library Fiji ships):
 * lines with markers in the {@link Palette}'s colours, shaded bands, a legend.
 * Works headless.
 */
public final class Charts {

	private static final float BAND_ALPHA = 0.2f;

	private Charts() {}

	/** @return the plot as a chart */
	public static JFreeChart chart(final LinePlot plot) {
		final YIntervalSeriesCollection data = new YIntervalSeriesCollection();
		for (final LinePlot.Series s : plot.series()) {
			final YIntervalSeries line = new YIntervalSeries(s.name(), false, true);
			for (int i = 0; i < s.x().length; i++) {
				final double y = s.y()[i];
				final double low = s.low() == null ? y : s.low()[i];
				final double high = s.high() == null ? y : s.high()[i];
				// a point whose value is NaN (e.g. the Dice of an absent phase) is left out
				if (Double.isFinite(y)) line.add(s.x()[i], y, Double.isFinite(low) ? low : y, Double.isFinite(high) ? high
					: y);
			}
			data.addSeries(line);
		}
		final JFreeChart chart = ChartFactory.createXYLineChart(plot.title(), plot.xLabel(), plot.yLabel(), data,
			PlotOrientation.VERTICAL, true, false, false);
		final XYPlot xy = chart.getXYPlot();
		final DeviationRenderer renderer = new DeviationRenderer(true, true);
		renderer.setAlpha(BAND_ALPHA);
		for (int i = 0; i < plot.series().size(); i++) {
			renderer.setSeriesPaint(i, Palette.line(i));
			renderer.setSeriesFillPaint(i, Palette.line(i));
			renderer.setSeriesStroke(i, new BasicStroke(2f));
		}
		xy.setRenderer(renderer);
		xy.setBackgroundPaint(Color.WHITE);
		xy.setDomainGridlinePaint(Color.LIGHT_GRAY);
		xy.setRangeGridlinePaint(Color.LIGHT_GRAY);
		((NumberAxis) xy.getRangeAxis()).setAutoRangeIncludesZero(false);
		if (wholeNumbers(plot)) xy.getDomainAxis().setStandardTickUnits(NumberAxis.createIntegerTickUnits());
		chart.setBackgroundPaint(Color.WHITE);
		return chart;
	}

	private static boolean wholeNumbers(final LinePlot plot) {
		for (final LinePlot.Series s : plot.series())
			for (final double x : s.x())
				if (x != Math.rint(x)) return false;
		return true;
	}

	/** @return the plot drawn into a new image */
	public static BufferedImage render(final LinePlot plot, final int width, final int height) {
		return chart(plot).createBufferedImage(width, height);
	}

	/** @return {@code plots} drawn one above the other */
	public static BufferedImage stack(final List<LinePlot> plots, final int width, final int heightEach) {
		final BufferedImage all = new BufferedImage(width, heightEach * plots.size(), BufferedImage.TYPE_INT_RGB);
		final Graphics2D g = all.createGraphics();
		for (int i = 0; i < plots.size(); i++)
			g.drawImage(render(plots.get(i), width, heightEach), 0, i * heightEach, null);
		g.dispose();
		return all;
	}

	/** Writes {@code image} as PNG, atomically. */
	static void writePng(final BufferedImage image, final Path file, final boolean overwrite) {
		try (AtomicOutput out = AtomicOutput.file(file, overwrite)) {
			try {
				if (!ImageIO.write(image, "png", out.temporary().toFile())) throw new IOException("no PNG writer");
			}
			catch (final IOException e) {
				throw new UncheckedIOException("Could not write " + file + ": " + e.getMessage(), e);
			}
			out.commit();
		}
	}
}
