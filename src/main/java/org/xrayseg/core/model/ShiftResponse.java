package org.xrayseg.core.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.xrayseg.core.data.GreyFeatures;
import org.xrayseg.core.data.GreyMatch;

/**
 * How a model's quality estimate errs when a slice's grey values change, measured
 * after training: its validation slices were segmented again under simulated
 * changes of scan conditions (other contrast, gamma, brightness, noise, blur),
 * and for each one the gap between the true Dice of each phase and the
 * estimate from the model's own probabilities was kept with the features that
 * describe the slice (how its grey values differ from the validation slices',
 * {@link GreyFeatures#against}, and its share of uncertain pixels). A new
 * slice's estimate is corrected by the gaps of the samples that look like it
 * (Nadaraya-Watson kernel regression in the features, each scaled by its
 * spread over the samples, with Epanechnikov weights that end just beyond the
 * {@link #NEIGHBOURS}-th nearest sample that measured the phase: a Gaussian weight reached the far
 * samples, whose gaps are large where a network is barely trained, and pulled
 * unchanged slices' estimates down by 0.03). This is what lets the estimate fall
 * where a network is sure and wrong, e.g. after a change of gamma; it knows
 * only the kinds of change that were simulated.
 *
 * @param reference the validation slices' grey-value features
 * @param features one row per sample: {@link GreyFeatures#against} the reference, then the uncertain share
 * @param gaps one row per sample: true minus estimated Dice of each phase (NaN where the phase is absent)
 * @param slices the validation slices the samples were made of
 * @param quantiles the distribution of the validation slices' grey values ({@link GreyMatch#quantiles})
 */
public record ShiftResponse(GreyFeatures reference, double[][] features, double[][] gaps, int slices,
	float[] quantiles)
{

	/** The samples that set the bandwidth of the regression. */
	static final int NEIGHBOURS = 8;
	/** The least spread by which a feature is scaled. */
	private static final double MIN_SCALE = 1e-3;

	/** @return the number of values in a row of {@link #features} */
	public static int featureCount() {
		return GreyFeatures.COUNT + 1;
	}

	/** @return the features of a slice: its grey values against the reference, and its uncertain share */
	public double[] featuresOf(final GreyFeatures slice, final double uncertain) {
		final double[] f = Arrays.copyOf(slice.against(reference), featureCount());
		f[GreyFeatures.COUNT] = uncertain;
		return f;
	}

	/**
	 * @param estimated the estimated Dice of each phase (NaN where none)
	 * @param f the slice's {@link #featuresOf features}
	 * @return the estimates corrected by the gaps of the samples like the slice, within 0..1
	 */
	public double[] correct(final double[] estimated, final double[] f) {
		final double[] scale = scales();
		final double[] distance = new double[features.length];
		for (int j = 0; j < features.length; j++) {
			double d = 0;
			for (int i = 0; i < f.length; i++) {
				final double t = (f[i] - features[j][i]) / scale[i];
				d += t * t;
			}
			distance[j] = Math.sqrt(d);
		}
		final double[] out = estimated.clone();
		for (int c = 0; c < estimated.length; c++) {
			if (Double.isNaN(estimated[c])) continue;
			final double h = bandwidth(distance, c);
			double sum = 0;
			double weights = 0;
			for (int j = 0; j < features.length; j++) {
				if (!measured(j, c)) continue;
				final double u = distance[j] / h;
				final double w = Math.max(0, 1 - u * u);
				sum += w * gaps[j][c];
				weights += w;
			}
			if (weights > 0) out[c] = Math.max(0, Math.min(1, estimated[c] + sum / weights));
		}
		return out;
	}

	private boolean measured(final int sample, final int phase) {
		return phase < gaps[sample].length && !Double.isNaN(gaps[sample][phase]);
	}

	/**
	 * @return just beyond the distance of the {@link #NEIGHBOURS}-th nearest sample that measured the phase: those
	 *         carry the weight, the rest none (ties beyond it a trace)
	 */
	private double bandwidth(final double[] distance, final int phase) {
		final double[] d = new double[distance.length];
		int n = 0;
		for (int j = 0; j < distance.length; j++)
			if (measured(j, phase)) d[n++] = distance[j];
		if (n == 0) return 1;
		Arrays.sort(d, 0, n);
		return d[Math.min(n - 1, NEIGHBOURS)] * (1 + 1e-6) + 1e-12;
	}

	/** @return the spread (standard deviation) of each feature over the samples */
	private double[] scales() {
		final int n = featureCount();
		final double[] s = new double[n];
		for (int i = 0; i < n; i++) {
			double mean = 0;
			for (final double[] row : features)
				mean += row[i] / features.length;
			double var = 0;
			for (final double[] row : features)
				var += (row[i] - mean) * (row[i] - mean) / features.length;
			s[i] = Math.max(MIN_SCALE, Math.sqrt(var));
		}
		return s;
	}

	/**
	 * @return the samples of the networks of an ensemble together (each measured on the slices its network did
	 *         not see, against its own reference), or null where none has any
	 */
	public static ShiftResponse pool(final List<ShiftResponse> members) {
		final List<ShiftResponse> some = members.stream().filter(m -> m != null && m.features.length > 0).toList();
		if (some.isEmpty()) return null;
		final List<double[]> f = new ArrayList<>();
		final List<double[]> g = new ArrayList<>();
		int slices = 0;
		for (final ShiftResponse m : some) {
			f.addAll(Arrays.asList(m.features));
			g.addAll(Arrays.asList(m.gaps));
			slices += m.slices;
		}
		final float[] q = new float[some.get(0).quantiles.length];
		for (final ShiftResponse m : some)
			for (int i = 0; i < q.length; i++)
				q[i] += m.quantiles[i] / some.size();
		return new ShiftResponse(GreyFeatures.mean(some.stream().map(ShiftResponse::reference).toList()), f.toArray(
			new double[0][]), g.toArray(new double[0][]), slices, q);
	}

	/** @return one line for the training summary */
	public String describe() {
		return String.format(Locale.ROOT, "quality estimate corrected for changes of scan conditions by %d " +
			"simulated changes of %d validation slices", features.length, slices);
	}
}
