package org.xrayseg.core.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A line plot's content: a title, axis labels, and named series, each
 * optionally with a band (e.g. mean +- std). {@link Charts} draws it (the
 * command line writes PNG files, Fiji shows the same picture).
 */
public final class LinePlot {

	/** One line of a plot; {@code low} and {@code high} bound its band, or are null. */
	public record Series(String name, double[] x, double[] y, double[] low, double[] high) {}

	private final String title;
	private final String xLabel;
	private final String yLabel;
	private final List<Series> series = new ArrayList<>();

	public LinePlot(final String title, final String xLabel, final String yLabel) {
		this.title = title;
		this.xLabel = xLabel;
		this.yLabel = yLabel;
	}

	/** Adds a line. Points whose value is NaN are left out. */
	public LinePlot add(final String name, final double[] x, final double[] y) {
		series.add(new Series(name, x.clone(), y.clone(), null, null));
		return this;
	}

	/** Adds a line with a shaded band between {@code low} and {@code high}. */
	public LinePlot add(final String name, final double[] x, final double[] y, final double[] low,
		final double[] high)
	{
		series.add(new Series(name, x.clone(), y.clone(), low.clone(), high.clone()));
		return this;
	}

	public String title() {
		return title;
	}

	public String xLabel() {
		return xLabel;
	}

	public String yLabel() {
		return yLabel;
	}

	/** @return the lines, in the order they were added */
	public List<Series> series() {
		return Collections.unmodifiableList(series);
	}

	/** Draws {@code plots} one above the other and writes them as one PNG, atomically. */
	public static void writePng(final List<LinePlot> plots, final int width, final int heightEach, final Path file,
		final boolean overwrite)
	{
		Charts.writePng(Charts.stack(plots, width, heightEach), file, overwrite);
	}
}
