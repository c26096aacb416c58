package org.xrayseg.core.micro.thickness;

/**
 * The local thickness of every voxel of one phase, summarised. Lengths are in
 * the physical unit of the voxel size the measure was given.
 * <p>
 * Voxels whose thickness reached the {@link #cap} (possible only when the
 * volume was split into blocks, see {@link LocalThickness}) are counted in
 * {@link #cappedVoxels} and not in the histogram; {@link #mean} and
 * {@link #median} count them at the cap, so both are lower bounds when
 * {@code cappedVoxels > 0}.
 *
 * @param code the label code of the phase
 * @param voxels the number of voxels of the phase (histogram plus capped)
 * @param binWidth the width of a histogram bin: the smallest voxel side
 * @param counts {@code counts[i]} voxels have a thickness in
 *          {@code [i * binWidth, (i + 1) * binWidth)}; empty when no voxel is
 *          below the cap
 * @param cap thicknesses at or above this are not measured exactly but counted
 *          as capped; {@code +Infinity} when the volume was one block
 * @param cappedVoxels the number of voxels whose thickness reached the cap
 * @param mean the voxel-weighted mean thickness; NaN for an absent phase
 * @param median the voxel-weighted median thickness (the lower median of the
 *          sorted voxel values, exact); NaN for an absent phase
 * @param max the largest thickness below the cap; NaN when there is none
 */
public record ThicknessDistribution(int code, long voxels, double binWidth, long[] counts, double cap,
	long cappedVoxels, double mean, double median, double max)
{

	/** @return the share of the phase's voxels whose thickness reached the cap, 0..1 (0 when absent) */
	public double cappedShare() {
		return voxels == 0 ? 0 : (double) cappedVoxels / voxels;
	}

	/** @return the lower end of histogram bin {@code i} */
	public double binStart(final int i) {
		return i * binWidth;
	}

	/** @return the index of the fullest histogram bin, -1 when the histogram is empty */
	public int modeBin() {
		int best = -1;
		for (int i = 0; i < counts.length; i++)
			if (counts[i] > 0 && (best < 0 || counts[i] > counts[best])) best = i;
		return best;
	}

	/** Summarises a tally; {@code voxels} is the tally's total. */
	static ThicknessDistribution of(final int code, final ThicknessTally tally, final double binWidth,
		final double cap)
	{
		final float[] values = tally.values();
		long measured = 0;
		double sum = 0;
		for (final float v : values) {
			final long n = tally.count(v);
			measured += n;
			sum += n * (double) v;
		}
		final long capped = tally.capped();
		final long voxels = measured + capped;
		final double max = values.length == 0 ? Double.NaN : values[values.length - 1];
		final long[] counts = new long[values.length == 0 ? 0 : (int) Math.floor(max / binWidth) + 1];
		for (final float v : values)
			counts[Math.min(counts.length - 1, (int) Math.floor(v / binWidth))] += tally.count(v);
		if (voxels == 0) return new ThicknessDistribution(code, 0, binWidth, counts, cap, 0, Double.NaN,
			Double.NaN, Double.NaN);
		final double mean = capped == 0 ? sum / voxels : (sum + capped * cap) / voxels;
		return new ThicknessDistribution(code, voxels, binWidth, counts, cap, capped, mean, median(tally, values,
			(voxels - 1) / 2, cap), max);
	}

	/** @return the value of the voxel of 0-based rank {@code rank} in ascending order */
	private static double median(final ThicknessTally tally, final float[] values, final long rank,
		final double cap)
	{
		long seen = 0;
		for (final float v : values) {
			seen += tally.count(v);
			if (seen > rank) return v;
		}
		return cap;
	}
}
