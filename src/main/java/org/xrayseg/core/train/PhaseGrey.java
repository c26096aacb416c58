package org.xrayseg.core.train;

import org.xrayseg.core.data.LabelledSlices;

/**
 * The grey values of the phases on the annotated pixels of training slices
 * (normalised units, the slice itself, not its neighbours): each phase's mean,
 * the variance within the phases (noise and texture) and the share of the
 * grey-value variance that the phases explain. Near 1 where each phase has its
 * own grey value, as in X-ray CT; low where phases differ by texture.
 *
 * @param means the mean grey value of each phase (0 for a phase without annotation)
 * @param within the pooled variance of the grey values within the phases
 * @param explained 1 - within / total variance; 0 if a phase has no annotated
 *          pixel (its grey value is not known)
 */
record PhaseGrey(float[] means, double within, double explained) {

	static PhaseGrey of(final LabelledSlices slices, final int classes) {
		final double[] n = new double[classes];
		final double[] sum = new double[classes];
		final double[] squares = new double[classes];
		for (final LabelledSlices.Slice s : slices.slices()) {
			final byte[] c = s.classes();
			final float[] g = s.pixels();
			for (int i = 0; i < c.length; i++)
				if (c[i] >= 0) {
					n[c[i]]++;
					sum[c[i]] += g[i];
					squares[c[i]] += (double) g[i] * g[i];
				}
		}
		boolean everyPhase = true;
		double count = 0;
		double total = 0;
		double totalSquares = 0;
		double within = 0;
		final float[] means = new float[classes];
		for (int k = 0; k < classes; k++) {
			if (n[k] == 0) {
				everyPhase = false;
				continue;
			}
			means[k] = (float) (sum[k] / n[k]);
			within += squares[k] - sum[k] * sum[k] / n[k];
			count += n[k];
			total += sum[k];
			totalSquares += squares[k];
		}
		final double variance = count == 0 ? 0 : (totalSquares - total * total / count) / count;
		within = count == 0 ? 0 : within / count;
		return new PhaseGrey(means, within, everyPhase && variance > 0 ? 1 - within / variance : 0);
	}
}
