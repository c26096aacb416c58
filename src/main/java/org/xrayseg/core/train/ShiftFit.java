package org.xrayseg.core.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.xrayseg.core.data.GreyFeatures;
import org.xrayseg.core.data.GreyMatch;
import org.xrayseg.core.data.LabelCoding;
import org.xrayseg.core.data.LabelledSlices;
import org.xrayseg.core.data.Normalization;
import org.xrayseg.core.infer.SliceQuality;
import org.xrayseg.core.infer.TiledPredictor;
import org.xrayseg.core.metrics.ConfusionMatrix;
import org.xrayseg.core.model.Calibration;
import org.xrayseg.core.model.InferenceNetwork;
import org.xrayseg.core.model.SegmentationModel;
import org.xrayseg.core.model.ShiftResponse;
import org.xrayseg.core.progress.ProgressListener;

/**
 * Measures how a trained model's quality estimate errs when scan conditions
 * change ({@link ShiftResponse}): crops of its completely labelled validation
 * slices (at most {@link #MAX_SIDE} square, at most {@link #MAX_SLICES}
 * slices) are segmented as they are and under simulated changes, drawn from
 * the seed ({@link SimulatedShift#draw}): one crop of each slice as it is,
 * then the changed ones, at most {@link #PER_SLICE} per slice,
 * {@link #MAX_SAMPLES} in all and about {@link #PIXELS} pixels or
 * {@link #VALIDATION_TIMES} times the pixels of those slices, whichever is
 * less, but at least {@link #MIN_SAMPLES} (many small crops cover the space of
 * changes better than a few slices: the estimate is corrected by the samples
 * near a slice). With a normalisation per image,
 * each changed crop is normalised by itself again, as Segment would. The
 * validation slices' grey-value distribution is kept too, for
 * {@link org.xrayseg.core.infer.QualityEstimate}'s matching.
 */
final class ShiftFit {

	static final int MAX_SIDE = 128;
	static final int MAX_SLICES = 16;
	static final long PIXELS = 16L << 20;
	static final int MAX_SAMPLES = 1024;
	static final int PER_SLICE = 64;
	static final int MIN_SAMPLES = 32;
	static final int VALIDATION_TIMES = 4;

	private ShiftFit() {}

	/**
	 * @return the temperature of the model's probabilities fitted on the validation slices, with the response of
	 *         its quality estimate to changes of scan conditions
	 */
	static Calibration calibrate(final SegmentationModel model, final LabelledSlices validation,
		final TrainingOptions options, final ProgressListener progress)
	{
		final Calibration c = TemperatureFit.fit(model, validation, options.tileSize(), progress);
		if (!c.fitted()) return c;
		final ShiftResponse s = fit(model, c, validation, options.tileSize(), options.seed(), progress);
		if (s != null) progress.message("Quality estimate: " + s.describe());
		return c.withShifts(s);
	}

	/** @return the response, or null (with a message) where no validation slice is completely labelled */
	static ShiftResponse fit(final SegmentationModel model, final Calibration calibration,
		final LabelledSlices validation, final int tileSize, final long seed, final ProgressListener progress)
	{
		final List<LabelledSlices.Slice> complete = new ArrayList<>();
		for (final LabelledSlices.Slice s : validation.slices())
			if (completelyLabelled(s)) complete.add(s);
		if (complete.isEmpty()) {
			progress.message("The quality estimate is not corrected for changes of scan conditions: no validation " +
				"slice is labelled completely");
			return null;
		}
		final int used = Math.min(MAX_SLICES, complete.size());
		final List<LabelledSlices.Slice> slices = new ArrayList<>();
		for (int j = 0; j < used; j++)
			slices.add(complete.get((int) ((j + 0.5) * complete.size() / used)));
		long area = 0;
		long whole = 0;
		for (final LabelledSlices.Slice s : slices) {
			area += (long) Math.min(MAX_SIDE, s.width()) * Math.min(MAX_SIDE, s.height());
			whole += (long) s.width() * s.height();
		}
		final long pixels = Math.min(PIXELS, VALIDATION_TIMES * whole);
		final int perSlice = (int) Math.max(Math.max(2, MIN_SAMPLES / used), Math.min(PER_SLICE, Math.min(MAX_SAMPLES
			/ used, pixels / Math.max(1, area))));
		final Random random = new Random(seed ^ 0x5EED51F7L);
		final List<Sample> samples = new ArrayList<>();
		final TiledPredictor predictor = new TiledPredictor(model, tileSize, TiledPredictor.OVERLAP,
			TiledPredictor.TILE_BATCH);
		try (InferenceNetwork network = predictor.network()) {
			// the crops as they are first: they make the reference
			for (int round = 0; round < perSlice; round++)
				for (final LabelledSlices.Slice s : slices) {
					progress.checkCancelled();
					progress.update("Measuring the quality estimate under simulated scan changes", samples.size(),
						(long) perSlice * used);
					samples.add(sample(model, calibration, predictor, network, s, round == 0 ? SimulatedShift.NONE
						: SimulatedShift.draw(random), random, progress));
				}
		}
		final GreyFeatures reference = GreyFeatures.mean(samples.subList(0, used).stream().map(Sample::grey).toList());
		final float[] quantiles = GreyMatch.quantiles(slices.stream().map(LabelledSlices.Slice::pixels).toList());
		final ShiftResponse blank = new ShiftResponse(reference, new double[0][], new double[0][], used, quantiles);
		final double[][] features = new double[samples.size()][];
		final double[][] gaps = new double[samples.size()][];
		for (int j = 0; j < features.length; j++) {
			final Sample m = samples.get(j);
			features[j] = blank.featuresOf(m.grey(), m.estimate().uncertain());
			gaps[j] = new double[m.truth().length];
			for (int c = 0; c < gaps[j].length; c++)
				gaps[j][c] = m.truth()[c] - m.estimate().dice()[c];
		}
		return new ShiftResponse(reference, features, gaps, used, quantiles);
	}

	/** One crop segmented: its grey-value features, the estimate of its quality and its true Dice per phase. */
	private record Sample(GreyFeatures grey, SliceQuality estimate, double[] truth) {}

	/** @return a random crop of {@code s}, changed by {@code shift}, segmented */
	private static Sample sample(final SegmentationModel model, final Calibration calibration,
		final TiledPredictor predictor, final InferenceNetwork network, final LabelledSlices.Slice s,
		final SimulatedShift shift, final Random random, final ProgressListener progress)
	{
		final int k = model.metadata().network().classes();
		final int w = Math.min(MAX_SIDE, s.width());
		final int h = Math.min(MAX_SIDE, s.height());
		final int x0 = random.nextInt(s.width() - w + 1);
		final int y0 = random.nextInt(s.height() - h + 1);
		final float[][] channels = new float[s.channels()][];
		for (int c = 0; c < channels.length; c++) {
			channels[c] = shift.apply(crop(s.channel(c), s.width(), x0, y0, w, h, new float[w * h]), w, h, random);
			if (model.metadata().normalization().mode() == Normalization.Mode.PER_IMAGE) normaliseBySelf(channels[c]);
		}
		final float[] p = predictor.probabilities(network, channels, w, h, progress.quiet());
		calibration.apply(p, k);
		final byte[] classes = TiledPredictor.argmax(p, k);
		final ConfusionMatrix m = ConfusionMatrix.of(crop(s.classes(), s.width(), x0, y0, w, h, new byte[w * h]),
			classes, k);
		final double[] truth = new double[k];
		for (int c = 0; c < k; c++)
			truth[c] = m.dice(c);
		return new Sample(GreyFeatures.of(channels[channels.length / 2], w, h), SliceQuality.of(p, classes, k), truth);
	}

	private static boolean completelyLabelled(final LabelledSlices.Slice s) {
		for (final byte b : s.classes())
			if (b == LabelCoding.UNLABELLED) return false;
		return true;
	}

	/** @return {@code out} filled with the {@code w} x {@code h} pixels of {@code v} from (x0, y0) (arrays of one type) */
	private static <A> A crop(final A v, final int width, final int x0, final int y0, final int w, final int h,
		final A out)
	{
		for (int y = 0; y < h; y++)
			System.arraycopy(v, (y0 + y) * width + x0, out, y * w, w);
		return out;
	}

	/** Maps the 0.5 and 99.5 percentiles of {@code v} to 0 and 1, in place. */
	private static void normaliseBySelf(final float[] v) {
		final double[] p = Normalization.lowMedianHigh(v);
		if (p[2] > p[0]) new Normalization(p[0], p[2]).applyInPlace(v);
	}
}
