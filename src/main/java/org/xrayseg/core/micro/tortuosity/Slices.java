package org.xrayseg.core.micro.tortuosity;

import java.util.function.IntConsumer;
import java.util.function.IntToDoubleFunction;
import java.util.stream.IntStream;

/**
 * Loops over the z slices of a grid on all cores (the common fork-join pool).
 * Sums are formed per slice and added in slice order, so that they do not
 * depend on the number of threads.
 */
final class Slices {

	private Slices() {}

	/** Runs {@code body} for every slice 0..n-1, in parallel. */
	static void each(final int n, final IntConsumer body) {
		if (n == 1) body.accept(0);
		else IntStream.range(0, n).parallel().forEach(body);
	}

	/** @return the sum of {@code body} over slices 0..n-1, each computed in parallel */
	static double sum(final int n, final IntToDoubleFunction body) {
		final double[] parts = new double[n];
		each(n, z -> parts[z] = body.applyAsDouble(z));
		double s = 0;
		for (final double p : parts)
			s += p;
		return s;
	}

	/** @return sum over i of a[i] * b[i], in double */
	static double dot(final float[] a, final float[] b, final int nz) {
		final int slice = a.length / nz;
		return sum(nz, z -> {
			double s = 0;
			for (int i = z * slice, end = i + slice; i < end; i++)
				s += a[i] * (double) b[i];
			return s;
		});
	}
}
