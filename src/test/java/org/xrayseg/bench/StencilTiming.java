package org.xrayseg.bench;

import java.util.stream.IntStream;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import org.xrayseg.core.runtime.DjlRuntime;

/**
 * Whether the tortuosity stencil would run faster on DJL/PyTorch tensors than
 * in plain Java on these CPUs: the same Jacobi sweeps of a 7-point stencil on
 * an n^3 float grid (c_new = w * sum of the six neighbours, zero outside, w =
 * 1/6 in the phase and 0 elsewhere), as NDArray slices, adds, a multiply and
 * a pad (layout (z, y, x) float32, zero-padded to (n+2)^3) against a Java loop
 * over z slices on all cores.
 */
final class StencilTiming {

	private StencilTiming() {}

	/** @return seconds of {@code sweeps} sweeps in plain Java, best of 3 */
	static double java(final byte[] mask, final int n, final int sweeps) {
		final float[] w = weights(mask);
		return Timing.best(1, 3, () -> {
			float[] c = new float[w.length], out = new float[w.length];
			java.util.Arrays.fill(c, 0.5f);
			for (int s = 0; s < sweeps; s++) {
				sweep(c, out, w, n);
				final float[] t = c;
				c = out;
				out = t;
			}
		});
	}

	private static void sweep(final float[] c, final float[] out, final float[] w, final int n) {
		IntStream.range(0, n).parallel().forEach(z -> {
			for (int y = 0; y < n; y++)
				for (int x = 0; x < n; x++) {
					final int i = x + n * (y + n * z);
					float s = 0;
					if (x > 0) s += c[i - 1];
					if (x + 1 < n) s += c[i + 1];
					if (y > 0) s += c[i - n];
					if (y + 1 < n) s += c[i + n];
					if (z > 0) s += c[i - n * n];
					if (z + 1 < n) s += c[i + n * n];
					out[i] = w[i] * s;
				}
		});
	}

	/** @return seconds of {@code sweeps} sweeps as PyTorch tensor operations, best of 3 */
	static double tensors(final byte[] mask, final int n, final int sweeps) {
		final float[] w = weights(mask);
		try (NDManager m = DjlRuntime.engine().newBaseManager()) {
			final NDArray weight = m.create(w, new Shape(n, n, n));
			final NDArray start = m.full(new Shape(n, n, n), 0.5f).pad(new Shape(1, 1, 1, 1, 1, 1), 0);
			return Timing.best(1, 3, () -> {
				try (NDManager scope = m.newSubManager()) {
					start.tempAttach(scope); // results of the operations belong to the scope
					NDArray c = start;
					for (int s = 0; s < sweeps; s++) {
						final NDArray sum = c.get("2:, 1:-1, 1:-1").add(c.get(":-2, 1:-1, 1:-1")).add(c.get(
							"1:-1, 2:, 1:-1")).add(c.get("1:-1, :-2, 1:-1")).add(c.get("1:-1, 1:-1, 2:")).add(c.get(
								"1:-1, 1:-1, :-2"));
						c = sum.mul(weight).pad(new Shape(1, 1, 1, 1, 1, 1), 0);
					}
					c.toFloatArray(); // wait for the result
				}
			});
		}
	}

	private static float[] weights(final byte[] mask) {
		final float[] w = new float[mask.length];
		for (int i = 0; i < w.length; i++)
			w[i] = mask[i] != 0 ? 1 / 6f : 0;
		return w;
	}
}
