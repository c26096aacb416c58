package org.xrayseg.core.micro;

import java.util.List;
import java.util.Map;

import org.xrayseg.core.micro.thickness.ThicknessDistribution;
import org.xrayseg.core.report.LinePlot;

/** The plots of the size distributions: share of each phase's volume per thickness, and the cumulative share. */
final class SizePlots {

	private SizePlots() {}

	/** @return {histogram, cumulative}, or an empty list without distributions */
	static List<LinePlot> of(final Map<Integer, ThicknessDistribution> sizes, final int[] codes,
		final List<String> names, final String unit)
	{
		if (sizes.isEmpty()) return List.of();
		final String axis = "local thickness (" + unit + ")";
		final LinePlot histogram = new LinePlot("Size distribution (local thickness)", axis,
			"share of the phase's volume per bin");
		final LinePlot cumulative = new LinePlot("Size distribution, cumulative", axis,
			"share of the phase's volume thinner than");
		for (int p = 0; p < codes.length; p++) {
			final ThicknessDistribution d = sizes.get(codes[p]);
			if (d == null || d.voxels() == 0) continue;
			final int bins = d.counts().length;
			final double[] x = new double[bins], upper = new double[bins], share = new double[bins],
				below = new double[bins];
			long sum = 0;
			for (int i = 0; i < bins; i++) {
				x[i] = d.binStart(i) + d.binWidth() / 2;
				upper[i] = d.binStart(i) + d.binWidth();
				share[i] = d.counts()[i] / (double) d.voxels();
				sum += d.counts()[i];
				below[i] = sum / (double) d.voxels();
			}
			final String name = names.get(p) + (d.cappedVoxels() > 0 ? String.format(java.util.Locale.ROOT,
				" (%.1f%% at or above %.4g)", 100 * d.cappedShare(), d.cap()) : "");
			histogram.add(name, x, share);
			cumulative.add(name, upper, below);
		}
		return List.of(histogram, cumulative);
	}
}
