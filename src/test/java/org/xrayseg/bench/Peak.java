package org.xrayseg.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import org.xrayseg.core.runtime.DjlRuntime;

/** The peak the benchmarks compare with: a float32 matrix multiply of 2048 x 2048 matrices in the same engine. */
final class Peak {

	private Peak() {}

	/** @return GFLOP/s of the fastest of 5 multiplies (after 2 warm-ups) */
	static double gflops() {
		try (NDManager m = DjlRuntime.engine().newBaseManager()) {
			final NDArray a = m.randomNormal(new Shape(2048, 2048));
			final NDArray b = m.randomNormal(new Shape(2048, 2048));
			final double seconds = Timing.best(2, 5, () -> {
				try (NDManager scope = m.newSubManager()) {
					a.tempAttach(scope);
					a.matMul(b);
				}
			});
			return 2.0 * 2048 * 2048 * 2048 / seconds / 1e9;
		}
	}
}
