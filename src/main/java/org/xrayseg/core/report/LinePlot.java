package org.xrayseg.core.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

import org.xrayseg.core.io.AtomicOutput;

/**
 * A line plot drawn with Java2D (works headless): titled axes, several named
 * series with markers, optional shaded bands (e.g. mean +- std), and a legend.
 * The command line writes it as PNG; Fiji shows the same image.
 */
public final class LinePlot {

	private static final Color[] COLOURS = { new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
		new Color(0xff7f0e), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f) };

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

	/** Adds a line. NaN values leave gaps. */
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
		return java.util.Collections.unmodifiableList(series);
	}

	/** Draws the plot into a new image. */
	public BufferedImage render(final int width, final int height) {
		final BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		final Graphics2D g = image.createGraphics();
		try {
			g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
			g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
			g.setColor(Color.WHITE);
			g.fillRect(0, 0, width, height);
			draw(g, width, height);
		}
		finally {
			g.dispose();
		}
		return image;
	}

	private void draw(final Graphics2D g, final int width, final int height) {
		final Font font = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
		g.setFont(font);
		final FontMetrics fm = g.getFontMetrics();
		final int left = 70;
		final int right = 20;
		final int top = 30;
		final int bottom = 50;
		final Axis ax = Axis.of(values(true), left, width - right);
		final Axis ay = Axis.of(values(false), height - bottom, top);
		g.setColor(Color.BLACK);
		g.setFont(font.deriveFont(Font.BOLD, 13f));
		g.drawString(title, (width - g.getFontMetrics().stringWidth(title)) / 2, 18);
		g.setFont(font);
		g.setColor(new Color(0xe8e8e8));
		for (final double t : ay.ticks())
			g.drawLine(left, ay.pixel(t), width - right, ay.pixel(t));
		g.setColor(Color.BLACK);
		g.drawRect(left, top, width - right - left, height - bottom - top);
		for (final double t : ax.ticks()) {
			final String s = Axis.format(t);
			g.drawLine(ax.pixel(t), height - bottom, ax.pixel(t), height - bottom + 4);
			g.drawString(s, ax.pixel(t) - fm.stringWidth(s) / 2, height - bottom + 17);
		}
		for (final double t : ay.ticks()) {
			final String s = Axis.format(t);
			g.drawLine(left - 4, ay.pixel(t), left, ay.pixel(t));
			g.drawString(s, left - 7 - fm.stringWidth(s), ay.pixel(t) + fm.getAscent() / 2 - 1);
		}
		g.drawString(xLabel, left + (width - right - left - fm.stringWidth(xLabel)) / 2, height - 12);
		final AffineTransform saved = g.getTransform();
		g.rotate(-Math.PI / 2);
		g.drawString(yLabel, -(top + (height - bottom - top + fm.stringWidth(yLabel)) / 2), 16);
		g.setTransform(saved);
		for (int i = 0; i < series.size(); i++)
			drawSeries(g, series.get(i), COLOURS[i % COLOURS.length], ax, ay);
		drawLegend(g, fm, ax, ay, left + 8, width - right - 8, top + 8, height - bottom - 8);
	}

	private static void drawSeries(final Graphics2D g, final Series s, final Color c, final Axis ax, final Axis ay) {
		if (s.low() != null) {
			final Path2D band = new Path2D.Double();
			boolean started = false;
			for (int k = 0; k < s.x().length; k++) {
				if (Double.isNaN(s.high()[k])) continue;
				if (started) band.lineTo(ax.pixel(s.x()[k]), ay.pixel(s.high()[k]));
				else band.moveTo(ax.pixel(s.x()[k]), ay.pixel(s.high()[k]));
				started = true;
			}
			for (int k = s.x().length - 1; k >= 0; k--)
				if (!Double.isNaN(s.low()[k])) band.lineTo(ax.pixel(s.x()[k]), ay.pixel(s.low()[k]));
			band.closePath();
			g.setColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 50));
			if (started) g.fill(band);
		}
		g.setColor(c);
		g.setStroke(new BasicStroke(2f));
		int px = Integer.MIN_VALUE;
		int py = 0;
		for (int k = 0; k < s.x().length; k++) {
			if (Double.isNaN(s.y()[k])) {
				px = Integer.MIN_VALUE;
				continue;
			}
			final int x = ax.pixel(s.x()[k]);
			final int y = ay.pixel(s.y()[k]);
			if (px != Integer.MIN_VALUE) g.drawLine(px, py, x, y);
			g.fillOval(x - 3, y - 3, 7, 7);
			px = x;
			py = y;
		}
		g.setStroke(new BasicStroke(1f));
	}

	/** Draws the legend in the corner of the plot area that hides the fewest data points. */
	private void drawLegend(final Graphics2D g, final FontMetrics fm, final Axis ax, final Axis ay, final int left,
		final int right, final int top, final int bottom)
	{
		int w = 0;
		for (final Series s : series)
			w = Math.max(w, fm.stringWidth(s.name()));
		final int line = fm.getHeight() + 2;
		final int boxW = w + 34;
		final int boxH = line * series.size() + 6;
		int bestX = right - boxW;
		int bestY = top;
		int fewest = Integer.MAX_VALUE;
		for (final int[] corner : new int[][] { { right - boxW, top }, { left, top }, { right - boxW, bottom - boxH },
			{ left, bottom - boxH } })
		{
			int hidden = 0;
			for (final Series s : series)
				for (int k = 0; k < s.x().length; k++) {
					final int px = ax.pixel(s.x()[k]);
					final int py = Double.isNaN(s.y()[k]) ? Integer.MIN_VALUE : ay.pixel(s.y()[k]);
					if (px >= corner[0] && px <= corner[0] + boxW && py >= corner[1] && py <= corner[1] + boxH) hidden++;
				}
			if (hidden < fewest) {
				fewest = hidden;
				bestX = corner[0];
				bestY = corner[1];
			}
		}
		g.setColor(new Color(255, 255, 255, 220));
		g.fillRect(bestX, bestY, boxW, boxH);
		g.setColor(Color.GRAY);
		g.drawRect(bestX, bestY, boxW, boxH);
		for (int i = 0; i < series.size(); i++) {
			final int y = bestY + 4 + line * i + fm.getAscent();
			g.setColor(COLOURS[i % COLOURS.length]);
			g.fillRect(bestX + 6, y - fm.getAscent() / 2 - 2, 18, 4);
			g.setColor(Color.BLACK);
			g.drawString(series.get(i).name(), bestX + 28, y);
		}
	}

	private double[] values(final boolean x) {
		final List<Double> v = new ArrayList<>();
		for (final Series s : series) {
			for (int k = 0; k < s.x().length; k++) {
				if (x) v.add(s.x()[k]);
				else {
					v.add(s.y()[k]);
					if (s.low() != null) {
						v.add(s.low()[k]);
						v.add(s.high()[k]);
					}
				}
			}
		}
		return v.stream().mapToDouble(Double::doubleValue).filter(Double::isFinite).toArray();
	}

	/** Draws {@code plots} one above the other and writes them as one PNG, atomically. */
	public static void writePng(final List<LinePlot> plots, final int width, final int heightEach, final Path file,
		final boolean overwrite)
	{
		final BufferedImage all = stack(plots, width, heightEach);
		try (AtomicOutput out = AtomicOutput.file(file, overwrite)) {
			try {
				if (!ImageIO.write(all, "png", out.temporary().toFile())) throw new IOException("no PNG writer");
			}
			catch (final IOException e) {
				throw new UncheckedIOException("Could not write " + file + ": " + e.getMessage(), e);
			}
			out.commit();
		}
	}

	/** @return {@code plots} drawn one above the other */
	public static BufferedImage stack(final List<LinePlot> plots, final int width, final int heightEach) {
		final BufferedImage all = new BufferedImage(width, heightEach * plots.size(), BufferedImage.TYPE_INT_RGB);
		final Graphics2D g = all.createGraphics();
		for (int i = 0; i < plots.size(); i++)
			g.drawImage(plots.get(i).render(width, heightEach), 0, i * heightEach, null);
		g.dispose();
		return all;
	}

	/** A linear axis mapping data values to pixels, with round tick values. */
	private record Axis(double min, double max, int from, int to) {

		static Axis of(final double[] values, final int from, final int to) {
			double lo = Double.POSITIVE_INFINITY;
			double hi = Double.NEGATIVE_INFINITY;
			for (final double v : values) {
				lo = Math.min(lo, v);
				hi = Math.max(hi, v);
			}
			if (!(lo <= hi)) {
				lo = 0;
				hi = 1;
			}
			if (hi - lo < 1e-12) {
				final double pad = Math.max(Math.abs(lo) * 0.05, 1e-3);
				lo -= pad;
				hi += pad;
			}
			final double pad = (hi - lo) * 0.05;
			return new Axis(lo - pad, hi + pad, from, to);
		}

		int pixel(final double v) {
			return (int) Math.round(from + (v - min) / (max - min) * (to - from));
		}

		List<Double> ticks() {
			final double raw = (max - min) / 6;
			final double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
			final double r = raw / magnitude;
			final double step = (r < 1.5 ? 1 : r < 3 ? 2 : r < 7 ? 5 : 10) * magnitude;
			final List<Double> t = new ArrayList<>();
			for (double v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step)
				t.add(Math.abs(v) < step * 1e-9 ? 0 : v);
			return t;
		}

		static String format(final double v) {
			if (v == Math.rint(v) && Math.abs(v) < 1e6) return Long.toString((long) v);
			final String s = String.format(Locale.ROOT, "%.4g", v);
			return s.contains("e") ? s : s.replaceAll("0+$", "").replaceAll("\\.$", "");
		}
	}
}
