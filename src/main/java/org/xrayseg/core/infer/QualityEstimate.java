package org.xrayseg.core.infer;

import java.util.function.Function;

import org.xrayseg.core.data.GreyFeatures;
import org.xrayseg.core.data.GreyMatch;
import org.xrayseg.core.model.SegmentationModel;
import org.xrayseg.core.model.ShiftResponse;

/**
 * Segment's quality estimate of one slice, without a reference. From the
 * calibrated probabilities ({@link SliceQuality#of}); where the model
 * measured how that errs under changes of scan conditions
 * ({@link ShiftResponse}), corrected by the gaps of simulated changes like the
 * slice's. And where the slice's grey values are unlike the training images'
 * ({@link GreyShift}) but its grey values mapped to the validation slices'
 * distribution ({@link GreyMatch}) have about their noise (at most
 * {@link #MAX_MATCHED_NOISE} times: on the SOC data a change of gamma and
 * scale leaves it 1.6-4.7 times, as the mapping stretches the grey values
 * between phases; added noise of 5% of the range makes it 15 times), the
 * change is one of contrast, gamma or brightness, which the mapping undoes: the slice is segmented again so mapped
 * (a second pass of the network, on such slices only), and the estimate of
 * each phase is the Dice of the labels against that segmentation times that
 * segmentation's own estimate. This is what sees a network that is sure and
 * wrong after a change of contrast.
 */
public final class QualityEstimate {

	static final double MAX_MATCHED_NOISE = 8;

	private QualityEstimate() {}

	/**
	 * @param channels the slice's normalised input channels (the slice in the middle)
	 * @param p its calibrated class probabilities (K, H, W)
	 * @param classes its chosen classes
	 * @param predict calibrated class probabilities of other input channels of the same size
	 */
	public static SliceQuality of(final SegmentationModel model, final float[][] channels, final int width,
		final int height, final float[] p, final byte[] classes, final Function<float[][], float[]> predict)
	{
		final int k = model.metadata().network().classes();
		final SliceQuality q = SliceQuality.of(p, classes, k);
		final ShiftResponse shifts = model.metadata().probabilityCalibration().shifts();
		if (shifts == null) return q;
		final float[] grey = channels[channels.length / 2];
		final double[] dice = shifts.correct(q.dice(), shifts.featuresOf(GreyFeatures.of(grey, width, height), q
			.uncertain()));
		if (shifts.quantiles() == null || !GreyShift.unlike(model, grey)) return new SliceQuality(dice, q.uncertain());
		final float[] own = GreyMatch.quantiles(java.util.List.of(grey));
		final float[][] matched = new float[channels.length][];
		for (int c = 0; c < channels.length; c++)
			matched[c] = GreyMatch.map(channels[c], own, shifts.quantiles());
		if (GreyFeatures.of(matched[channels.length / 2], width, height).noise() > MAX_MATCHED_NOISE * shifts
			.reference().noise()) return new SliceQuality(dice, q.uncertain());
		final float[] pm = predict.apply(matched);
		final byte[] cm = TiledPredictor.argmax(pm, k);
		final double[] mappedEstimate = SliceQuality.of(pm, cm, k).dice();
		final double[] agreement = agreement(cm, classes, k);
		for (int c = 0; c < k; c++)
			if (!Double.isNaN(dice[c]) && !Double.isNaN(agreement[c])) dice[c] = agreement[c] * (Double.isNaN(
				mappedEstimate[c]) ? 1 : mappedEstimate[c]);
		return new SliceQuality(dice, q.uncertain());
	}

	/** @return the Dice of each class between two labellings (NaN where neither has it) */
	static double[] agreement(final byte[] a, final byte[] b, final int k) {
		final long[] both = new long[k];
		final long[] inA = new long[k];
		final long[] inB = new long[k];
		for (int i = 0; i < a.length; i++) {
			inA[a[i]]++;
			inB[b[i]]++;
			if (a[i] == b[i]) both[a[i]]++;
		}
		final double[] d = new double[k];
		for (int c = 0; c < k; c++)
			d[c] = inA[c] + inB[c] == 0 ? Double.NaN : 2.0 * both[c] / (inA[c] + inB[c]);
		return d;
	}
}
