package org.xrayseg.bench;

import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import ai.djl.Device;

import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.real.FloatType;

import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.xrayseg.core.convert.Pixels;
import org.xrayseg.core.data.LabelCoding;
import org.xrayseg.core.infer.GreyShift;
import org.xrayseg.core.infer.Precision;
import org.xrayseg.core.infer.SliceQuality;
import org.xrayseg.core.infer.VolumeSegmenter;
import org.xrayseg.core.io.FileSliceSource;
import org.xrayseg.core.io.ImgSliceSource;
import org.xrayseg.core.metrics.ConfusionMatrix;
import org.xrayseg.core.model.Calibration;
import org.xrayseg.core.model.ModelFile;
import org.xrayseg.core.model.SegmentationModel;
import org.xrayseg.core.progress.ProgressListener;

/**
 * Issue 25 on the SOC data: how well calibrated a model's probabilities are,
 * and how well the quality estimate of Segment (no reference) predicts the
 * true per-slice Dice. Cases: {@code test} (slices 251-300 as they are),
 * {@code contrast} (151-300 with gamma 0.5 and a scale of 0.8), and
 * {@code noise-1/2/3} (151-300 with Gaussian noise of 5, 10 and 20% of the
 * training grey range), and a kind of change training does not simulate,
 * {@code cupping} (151-300 brighter towards the corners, by 20% of the range
 * at the corners). Prints the expected calibration error of the test
 * pixels at temperature 1 and at the model's, and per case and phase the mean
 * absolute error and correlation of estimated (as Segment estimates,
 * {@link org.xrayseg.core.infer.QualityEstimate}) against true per-slice
 * Dice, and of the estimate from the probabilities alone (uncorrected);
 * writes the pairs (CSV) and a scatter plot (PNG).
 * Usage: QualityBench MODEL SOC_FOLDER OUT_FOLDER
 */
public final class QualityBench {

	private static final int BINS = 15;

	/** Per-slice pairs of one case: estimated (as Segment does, and uncorrected for shifts) and true Dice of each phase. */
	private record Pairs(List<double[]> estimated, List<double[]> uncorrected, List<double[]> truth, List<Boolean> unlike) {}

	public static void main(final String[] args) throws Exception {
		final Path out = Files.createDirectories(Paths.get(args[2]));
		try (SegmentationModel model = ModelFile.load(Paths.get(args[0]), Device.cpu());
			FileSliceSource images = FileSliceSource.open(Paths.get(args[1], "images"));
			FileSliceSource labels = FileSliceSource.open(Paths.get(args[1], "labels")))
		{
			final Calibration cal = model.metadata().probabilityCalibration();
			System.out.println("Model: " + cal.describe());
			final double low = model.metadata().normalization().low();
			final double range = model.metadata().normalization().high() - low;
			final Map<String, Pairs> cases = new LinkedHashMap<>();
			final double[][] ece = new double[2][];
			cases.put("test", run(model, images, labels, 250, 300, (v, x, y) -> v, ece));
			cases.put("contrast", run(model, images, labels, 150, 300, (v, x, y) -> (float) (0.8 * 65535 * Math.sqrt(Math
				.max(0, v) / 65535)), null));
			final double[] sigmas = { 0.05, 0.10, 0.20 };
			for (int s = 0; s < sigmas.length; s++) {
				final Random random = new Random(11 + s);
				final double sigma = sigmas[s] * range;
				cases.put("noise-" + (s + 1), run(model, images, labels, 150, 300, (v, x, y) -> (float) (v + sigma * random
					.nextGaussian()), null));
			}
			// a change that training does not simulate (ShiftFit): cupping, a radial brightness of +20% of the
			// range at the corners over the centre (beam hardening)
			cases.put("cupping", run(model, images, labels, 150, 300, (v, x, y) -> (float) (v + 0.2 * range * 2 * (x * x
				+ y * y)), null));
			System.out.printf(Locale.ROOT, "%nExpected calibration error of the test pixels (slices 251-300): " +
				"temperature 1: %.4f; temperature %.3f: %.4f%n", ece[0][0], cal.temperature(), ece[1][0]);
			report(cases, model.metadata().coding(), out);
		}
	}

	private interface Transform {

		/** @return the changed grey value {@code v} of pixel (x, y) */
		float apply(float v, double x, double y);
	}

	/** Segments slices {@code from}+1..{@code to} transformed, and pairs estimated with true Dice per slice. */
	private static Pairs run(final SegmentationModel model, final FileSliceSource images,
		final FileSliceSource labels, final int from, final int to, final Transform t, final double[][] ece)
	{
		final long[] d = images.dimensions(from);
		final int w = (int) d[0];
		final int h = (int) d[1];
		final float[] stack = new float[w * h * (to - from)];
		for (int z = from; z < to; z++) {
			final float[] v = Pixels.toFloats(images.slice(z));
			for (int i = 0; i < v.length; i++)
				stack[(z - from) * w * h + i] = t.apply(v[i], (i % w + 0.5) / w - 0.5, (i / w + 0.5) / h - 0.5);
		}
		final ArrayImg<FloatType, FloatArray> img = ArrayImgs.floats(stack, w, h, to - from);
		final LabelCoding coding = model.metadata().coding();
		final int k = coding.classes();
		final double temperature = model.metadata().probabilityCalibration().temperature();
		final Pairs pairs = new Pairs(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
		final long[][] bins = new long[4][BINS];
		final double[][] conf = new double[2][BINS];
		new VolumeSegmenter(model, 512, 32, 2, false, Precision.FLOAT32).runPredictions(new ImgSliceSource(img,
			"slices " + (from + 1) + "-" + to), ProgressListener.NONE, (i, p) -> {
				final byte[] truth = coding.toClasses(labels.slice(from + i), labels.describe(from + i));
				final ConfusionMatrix m = ConfusionMatrix.of(truth, p.classes(), k);
				final double[] td = new double[k];
				for (int c = 0; c < k; c++)
					td[c] = m.dice(c);
				pairs.estimated().add(p.quality().get().dice());
				pairs.truth().add(td);
				pairs.unlike().add(GreyShift.unlike(model, p.grey()));
				pairs.uncorrected().add(SliceQuality.of(p.probabilities(), p.classes(), k).dice());
				if (ece != null) {
					final float[] raw = p.probabilities().clone();
					Calibration.apply(raw, k, 1 / temperature);
					bin(raw, p.classes(), truth, k, bins[0], bins[1], conf[0]);
					bin(p.probabilities(), p.classes(), truth, k, bins[2], bins[3], conf[1]);
				}
				System.out.print(".");
			});
		System.out.println(" " + (from + 1) + "-" + (to));
		if (ece != null) {
			ece[0] = new double[] { ece(bins[0], bins[1], conf[0]) };
			ece[1] = new double[] { ece(bins[2], bins[3], conf[1]) };
		}
		return pairs;
	}

	private static void bin(final float[] p, final byte[] chosen, final byte[] truth, final int k, final long[] count,
		final long[] correct, final double[] confidence)
	{
		final int n = chosen.length;
		for (int i = 0; i < n; i++) {
			final double c = p[chosen[i] * n + i];
			final int b = Math.min(BINS - 1, (int) (c * BINS));
			count[b]++;
			confidence[b] += c;
			if (chosen[i] == truth[i]) correct[b]++;
		}
	}

	private static double ece(final long[] count, final long[] correct, final double[] confidence) {
		long total = 0;
		for (final long c : count)
			total += c;
		double e = 0;
		for (int b = 0; b < BINS; b++)
			e += Math.abs(correct[b] - confidence[b]) / total;
		return e;
	}

	private static void report(final Map<String, Pairs> cases, final LabelCoding coding, final Path out)
		throws IOException
	{
		final int k = coding.classes();
		final List<Double> allE = new ArrayList<>();
		final List<Double> allT = new ArrayList<>();
		final List<Double> allR = new ArrayList<>();
		final List<Double> unflaggedE = new ArrayList<>();
		final List<Double> unflaggedT = new ArrayList<>();
		final List<Double> unflaggedR = new ArrayList<>();
		final StringBuilder csv = new StringBuilder("case,slice,phase,estimated,true\n");
		final XYSeriesCollection points = new XYSeriesCollection();
		System.out.println("\ncase | phase | slices | mean true Dice | mean estimated | MAE | correlation | MAE uncorrected " +
			"| correlation uncorrected");
		for (final Map.Entry<String, Pairs> e : cases.entrySet()) {
			final XYSeries series = new XYSeries(e.getKey());
			final List<Double> caseE = new ArrayList<>();
			final List<Double> caseT = new ArrayList<>();
			final List<Double> caseR = new ArrayList<>();
			for (int c = 0; c < k; c++) {
				final List<Double> est = new ArrayList<>();
				final List<Double> tru = new ArrayList<>();
				final List<Double> raw = new ArrayList<>();
				for (int s = 0; s < e.getValue().truth().size(); s++) {
					final double a = e.getValue().estimated().get(s)[c];
					final double b = e.getValue().truth().get(s)[c];
					if (Double.isNaN(a) || Double.isNaN(b)) continue;
					est.add(a);
					tru.add(b);
					raw.add(e.getValue().uncorrected().get(s)[c]);
					series.add(b, a);
					csv.append(String.format(Locale.ROOT, "%s,%d,%s,%.6f,%.6f%n", e.getKey(), s + 1, coding.name(c), a, b));
				}
				caseE.addAll(est);
				caseT.addAll(tru);
				caseR.addAll(raw);
				row(e.getKey(), coding.name(c), est, tru, raw);
			}
			row(e.getKey(), "all phases", caseE, caseT, caseR);
			final List<Double> okE = new ArrayList<>();
			final List<Double> okT = new ArrayList<>();
			final List<Double> okR = new ArrayList<>();
			for (int s = 0; s < e.getValue().truth().size(); s++)
				for (int c = 0; c < k; c++) {
					final double a = e.getValue().estimated().get(s)[c];
					final double b = e.getValue().truth().get(s)[c];
					if (e.getValue().unlike().get(s) || Double.isNaN(a) || Double.isNaN(b)) continue;
					okE.add(a);
					okT.add(b);
					okR.add(e.getValue().uncorrected().get(s)[c]);
				}
			final long flagged = e.getValue().unlike().stream().filter(u -> u).count();
			row(e.getKey() + " (" + flagged + " of " + e.getValue().unlike().size() + " slices flagged unlike " +
				"training; the others)", "all phases", okE, okT, okR);
			unflaggedE.addAll(okE);
			unflaggedT.addAll(okT);
			unflaggedR.addAll(okR);
			allE.addAll(caseE);
			allT.addAll(caseT);
			allR.addAll(caseR);
			points.addSeries(series);
		}
		row("all cases", "all phases", allE, allT, allR);
		row("all cases, slices not flagged", "all phases", unflaggedE, unflaggedT, unflaggedR);
		Files.writeString(out.resolve("quality-pairs.csv"), csv);
		final XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true);
		for (int s = 0; s < points.getSeriesCount(); s++)
			renderer.setSeriesShape(s, new Ellipse2D.Double(-2, -2, 4, 4));
		final XYPlot plot = new XYPlot(points, new NumberAxis("true Dice of a slice and phase"), new NumberAxis(
			"estimated Dice (no reference)"), renderer);
		plot.setBackgroundPaint(Color.WHITE);
		((NumberAxis) plot.getDomainAxis()).setAutoRangeIncludesZero(false);
		((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
		ChartUtils.saveChartAsPNG(out.resolve("quality-scatter.png").toFile(), new JFreeChart(
			"Estimated against true per-slice Dice (SOC)", plot), 700, 600);
		System.out.println("Wrote " + out.resolve("quality-pairs.csv") + " and " + out.resolve("quality-scatter.png"));
	}

	private static void row(final String name, final String phase, final List<Double> est, final List<Double> tru,
		final List<Double> raw)
	{
		System.out.printf(Locale.ROOT, "%s | %s | %d | %.4f | %.4f | %.4f | %.3f | %.4f | %.3f%n", name, phase, est
			.size(), mean(tru), mean(est), mae(est, tru), correlation(est, tru), mae(raw, tru), correlation(raw, tru));
	}

	private static double mae(final List<Double> a, final List<Double> b) {
		double sum = 0;
		for (int i = 0; i < a.size(); i++)
			sum += Math.abs(a.get(i) - b.get(i));
		return sum / Math.max(1, a.size());
	}

	private static double mean(final List<Double> v) {
		return v.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
	}

	private static double correlation(final List<Double> a, final List<Double> b) {
		final double ma = mean(a);
		final double mb = mean(b);
		double sab = 0;
		double saa = 0;
		double sbb = 0;
		for (int i = 0; i < a.size(); i++) {
			sab += (a.get(i) - ma) * (b.get(i) - mb);
			saa += (a.get(i) - ma) * (a.get(i) - ma);
			sbb += (b.get(i) - mb) * (b.get(i) - mb);
		}
		return sab / Math.sqrt(saa * sbb);
	}
}
