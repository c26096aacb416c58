package org.xrayseg.core.infer;

import org.xrayseg.core.data.Normalization;
import org.xrayseg.core.model.ModelMetadata;
import org.xrayseg.core.model.SegmentationModel;

/**
 * Whether a slice's grey values are unlike the training images' in a way
 * that the network's own confidence does not show: there it can be sure and
 * wrong, and the quality estimate is then too high. Compared are the 0.5, 50
 * and 99.5 percentiles, in units of the training images' range (0.5 to 99.5
 * percentile): with one global normalisation, a slice is unlike when its
 * range is more than {@link #MAX_SPREAD} times wider or narrower (other
 * contrast, strong noise) or its median has moved by more than
 * {@link #MAX_MEDIAN_SHIFT} of the range (other brightness); with a
 * normalisation per image, which takes out offset and range, when the
 * median's place within the range has moved by more than that (other
 * gamma). The thresholds are measured on the SOC data (bench/quality.sh):
 * 5% noise passes, 10% and a gamma of 0.5 do not.
 */
public final class GreyShift {

	static final double MAX_SPREAD = 4.0 / 3;
	static final double MAX_MEDIAN_SHIFT = 0.1;

	private GreyShift() {}

	/**
	 * @param grey a slice's grey values as the network sees them, normalised by {@code model}'s normalisation
	 *          (the slice is not read again; every comparison here is unchanged by that linear map)
	 * @return whether the slice is unlike the images {@code model} was trained on
	 */
	public static boolean unlike(final SegmentationModel model, final float[] grey) {
		final ModelMetadata m = model.metadata();
		final Normalization n = m.normalization();
		final double[] overall = m.fingerprint() == null ? null : m.fingerprint().overall();
		final double[] raw = overall != null && overall.length == 3 ? overall : new double[] { n.low(), Double.NaN, n
			.high() };
		// the training percentiles in the units of the normalised slice (only the global mode compares them)
		final double[] training = new double[3];
		for (int j = 0; j < 3; j++)
			training[j] = (raw[j] - n.low()) / (n.high() - n.low());
		final double place = m.fingerprint() == null ? Double.NaN : m.fingerprint().sources().stream().filter(s -> s
			.high() > s.low()).mapToDouble(s -> (s.median() - s.low()) / (s.high() - s.low())).average().orElse(
				Double.NaN);
		return unlike(Normalization.lowMedianHigh(grey), training, place, n.mode());
	}

	/**
	 * @param slice the slice's {0.5, 50, 99.5} percentiles
	 * @param training the training images' {0.5, 50, 99.5} percentiles (the median NaN if unknown)
	 * @param place where the training images' median lies between their 0.5 and 99.5 percentiles, 0..1 (the
	 *          mean over their sources; NaN if unknown)
	 */
	static boolean unlike(final double[] slice, final double[] training, final double place,
		final Normalization.Mode mode)
	{
		final double range = training[2] - training[0];
		if (!(range > 0) || !(slice[2] > slice[0])) return false;
		if (mode == Normalization.Mode.GLOBAL) {
			final double spread = (slice[2] - slice[0]) / range;
			if (spread > MAX_SPREAD || spread < 1 / MAX_SPREAD) return true;
			return !Double.isNaN(training[1]) && Math.abs(slice[1] - training[1]) / range > MAX_MEDIAN_SHIFT;
		}
		if (Double.isNaN(place)) return false;
		return Math.abs((slice[1] - slice[0]) / (slice[2] - slice[0]) - place) > MAX_MEDIAN_SHIFT;
	}
}
