package org.xrayseg.core.train;

import java.util.Locale;

import org.xrayseg.core.data.LabelCoding;
import org.xrayseg.core.data.LabelledSlices;
import org.xrayseg.core.infer.TiledPredictor;
import org.xrayseg.core.model.Calibration;
import org.xrayseg.core.model.InferenceNetwork;
import org.xrayseg.core.model.SegmentationModel;
import org.xrayseg.core.model.ShiftResponse;
import org.xrayseg.core.progress.ProgressListener;

/**
 * Fits the temperature of a trained model's class probabilities on its
 * validation slices (temperature scaling): the T that minimises the negative
 * log-likelihood of the labelled validation pixels under p<sup>1/T</sup>
 * (normalised), found by golden-section search on 1/T, in which that
 * likelihood is convex. The pixels are predicted exactly as Segment predicts
 * them (in tiles); at most {@link #MAX_PIXELS} of them, evenly spaced,
 * are used, from at most {@link #MAX_SLICES} evenly spaced validation slices
 * (a large validation set would cost minutes of inference). The expected
 * calibration error (ECE: the mean gap between confidence and accuracy over
 * {@link #BINS} confidence bins, weighted by their pixels) is reported before
 * and after.
 */
final class TemperatureFit {

	static final int MAX_PIXELS = 1 << 21;
	static final int MAX_SLICES = 64;
	static final int BINS = 15;
	private static final double MIN_BETA = 0.05;
	private static final double MAX_BETA = 20;
	private static final float FLOOR = 1e-12f;

	/** The sampled validation pixels: each one's log-probabilities (N, K) and its class. */
	record Pixels(float[] logp, byte[] truth, int classes) {

		int size() {
			return truth.length;
		}
	}

	private TemperatureFit() {}

	/**
	 * @return the fitted calibration, or {@link Calibration#NONE} (with a warning) where there is nothing to fit on
	 */
	static Calibration fit(final SegmentationModel model, final LabelledSlices validation, final int tileSize,
		final ProgressListener progress)
	{
		final Pixels pixels = sample(model, validation, tileSize, progress);
		if (pixels.size() == 0) {
			progress.message("Warning: no labelled validation pixels: the class probabilities are not calibrated " +
				"(temperature 1)");
			return Calibration.NONE;
		}
		final double beta = minimise(pixels);
		final Calibration c = new Calibration(1 / beta, ece(pixels, 1), ece(pixels, beta), pixels.size());
		progress.message("Calibration: " + c.describe());
		return c;
	}

	/** @return the labelled validation pixels, at most {@link #MAX_PIXELS}, evenly spaced over all slices */
	static Pixels sample(final SegmentationModel model, final LabelledSlices validation, final int tileSize,
		final ProgressListener progress)
	{
		final int used = Math.min(validation.size(), MAX_SLICES);
		final int[] slices = new int[used];
		for (int j = 0; j < used; j++)
			slices[j] = (int) ((j + 0.5) * validation.size() / used);
		long labelled = 0;
		for (final int i : slices)
			for (final byte t : validation.get(i).classes())
				if (t != LabelCoding.UNLABELLED) labelled++;
		final int classes = model.metadata().network().classes();
		final long stride = Math.max(1, (labelled + MAX_PIXELS - 1) / MAX_PIXELS);
		final int n = (int) ((labelled + stride - 1) / stride);
		final float[] logp = new float[n * classes];
		final byte[] truth = new byte[n];
		final TiledPredictor predictor = new TiledPredictor(model, tileSize, TiledPredictor.OVERLAP,
			TiledPredictor.TILE_BATCH);
		long seen = 0;
		int taken = 0;
		try (InferenceNetwork network = predictor.network()) {
			for (int u = 0; u < used && taken < n; u++) {
				progress.checkCancelled();
				final LabelledSlices.Slice s = validation.get(slices[u]);
				final float[][] channels = new float[s.channels()][];
				for (int c = 0; c < channels.length; c++)
					channels[c] = s.channel(c);
				final float[] p = predictor.probabilities(network, channels, s.width(), s.height(), progress.quiet());
				final int area = s.width() * s.height();
				for (int j = 0; j < area && taken < n; j++) {
					if (s.classes()[j] == LabelCoding.UNLABELLED) continue;
					if (seen++ % stride != 0) continue;
					for (int c = 0; c < classes; c++)
						logp[taken * classes + c] = (float) Math.log(Math.max(FLOOR, p[c * area + j]));
					truth[taken++] = s.classes()[j];
				}
			}
		}
		return new Pixels(java.util.Arrays.copyOf(logp, taken * classes), java.util.Arrays.copyOf(truth, taken), classes);
	}

	/** @return the 1/T that minimises the mean negative log-likelihood */
	static double minimise(final Pixels pixels) {
		final double g = (Math.sqrt(5) - 1) / 2;
		double a = MIN_BETA;
		double b = MAX_BETA;
		double c = b - g * (b - a);
		double d = a + g * (b - a);
		double fc = nll(pixels, c);
		double fd = nll(pixels, d);
		while (b - a > 1e-4) {
			if (fc < fd) {
				b = d;
				d = c;
				fd = fc;
				c = b - g * (b - a);
				fc = nll(pixels, c);
			}
			else {
				a = c;
				c = d;
				fc = fd;
				d = a + g * (b - a);
				fd = nll(pixels, d);
			}
		}
		return (a + b) / 2;
	}

	/** @return the mean negative log-likelihood of the true classes under probabilities to the power {@code beta} */
	static double nll(final Pixels pixels, final double beta) {
		final int k = pixels.classes();
		double sum = 0;
		for (int i = 0; i < pixels.size(); i++) {
			double max = Double.NEGATIVE_INFINITY;
			for (int c = 0; c < k; c++)
				max = Math.max(max, beta * pixels.logp()[i * k + c]);
			double z = 0;
			for (int c = 0; c < k; c++)
				z += Math.exp(beta * pixels.logp()[i * k + c] - max);
			sum += max + Math.log(z) - beta * pixels.logp()[i * k + pixels.truth()[i]];
		}
		return sum / pixels.size();
	}

	/** @return the expected calibration error of the most probable class, at the power {@code beta} */
	static double ece(final Pixels pixels, final double beta) {
		final int k = pixels.classes();
		final double[] confidence = new double[BINS];
		final double[] correct = new double[BINS];
		final long[] count = new long[BINS];
		for (int i = 0; i < pixels.size(); i++) {
			double max = Double.NEGATIVE_INFINITY;
			int best = 0;
			for (int c = 0; c < k; c++)
				if (pixels.logp()[i * k + c] > max) {
					max = pixels.logp()[i * k + c];
					best = c;
				}
			double z = 0;
			for (int c = 0; c < k; c++)
				z += Math.exp(beta * (pixels.logp()[i * k + c] - max));
			final double conf = 1 / z;
			final int bin = Math.min(BINS - 1, (int) (conf * BINS));
			confidence[bin] += conf;
			if (best == pixels.truth()[i]) correct[bin]++;
			count[bin]++;
		}
		double ece = 0;
		for (int b = 0; b < BINS; b++)
			if (count[b] > 0) ece += Math.abs(correct[b] - confidence[b]) / pixels.size();
		return ece;
	}

	/** @return the calibration of an ensemble: the geometric mean of its networks' temperatures */
	static Calibration ofEnsemble(final java.util.List<Calibration> members) {
		double logT = 0;
		double before = 0;
		double after = 0;
		long pixels = 0;
		int fitted = 0;
		for (final Calibration c : members)
			if (c.fitted()) {
				logT += Math.log(c.temperature());
				before += c.eceBefore();
				after += c.eceAfter();
				pixels += c.pixels();
				fitted++;
			}
		if (fitted == 0) return Calibration.NONE;
		return new Calibration(Math.exp(logT / fitted), before / fitted, after / fitted, pixels, ShiftResponse.pool(
			members.stream().map(Calibration::shifts).toList()));
	}

	/** @return a line on how the temperatures of an ensemble's networks were combined */
	static String describeEnsemble(final Calibration c, final int networks) {
		return String.format(Locale.ROOT, "Calibration: the geometric mean of the %d networks' temperatures, %.3f",
			networks, c.temperature());
	}
}
