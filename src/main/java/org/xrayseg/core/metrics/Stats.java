package org.xrayseg.core.metrics;

/** Mean and population standard deviation that skip NaN values. */
public final class Stats {

	private Stats() {}

	/** @return the mean of the non-NaN values, NaN if there are none */
	public static double mean(final double[] values) {
		double sum = 0;
		int n = 0;
		for (final double v : values)
			if (!Double.isNaN(v)) {
				sum += v;
				n++;
			}
		return n == 0 ? Double.NaN : sum / n;
	}

	/** @return the population standard deviation of the non-NaN values, NaN if there are none */
	public static double std(final double[] values) {
		final double mean = mean(values);
		double sum = 0;
		int n = 0;
		for (final double v : values)
			if (!Double.isNaN(v)) {
				sum += (v - mean) * (v - mean);
				n++;
			}
		return n == 0 ? Double.NaN : Math.sqrt(sum / n);
	}
}
