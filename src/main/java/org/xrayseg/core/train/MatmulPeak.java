package org.xrayseg.core.train;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import org.xrayseg.core.infer.TuningCache;
import org.xrayseg.core.runtime.CoreShare;
import org.xrayseg.core.runtime.CpuMeter;
import org.xrayseg.core.runtime.DjlRuntime;

/**
 * What this machine computes at best: the float32 GFLOP/s of a 2048 x 2048
 * matrix multiply in the same engine and with the same threads, the yardstick
 * of the training history's share of the peak and of the benchmarks. Measured
 * once per processor and thread count (well under a second) and kept in the
 * {@link TuningCache}, unless other programs took cores meanwhile; read from
 * it once per JVM.
 */
public final class MatmulPeak {

	private static final String CONFIG = "float32 matrix multiply GFLOP/s";
	private static final int SIDE = 2048;
	/** The peaks known in this JVM, by cache key. */
	private static final Map<String, Double> KNOWN = new ConcurrentHashMap<>();

	private MatmulPeak() {}

	/**
	 * @return the peak measured now (benchmarks compare with a peak of the same run), kept for the training
	 *         history unless other programs took cores meanwhile
	 */
	public static double measured() {
		return measure().gflops();
	}

	/** @return the kept peak of this machine, else measured now unless other programs take cores; NaN then */
	static double ifQuiet() {
		final Double known = KNOWN.computeIfAbsent(key(), k -> TuningCache.load(TuningCache.defaultFile()).get(k,
			CONFIG));
		if (known != null) return known;
		if (CoreShare.current().busy()) return Double.NaN;
		final Measured m = measure();
		return m.kept() ? m.gflops() : Double.NaN;
	}

	/** A peak measured, and whether it was kept (no other program took cores meanwhile). */
	private record Measured(double gflops, boolean kept) {}

	private static Measured measure() {
		final CpuMeter.Reading before = CoreShare.look();
		final double gflops = measureNow();
		if (CoreShare.busySince(before)) return new Measured(gflops, false);
		final String key = key();
		final TuningCache cache = TuningCache.load(TuningCache.defaultFile());
		cache.put(key, CONFIG, gflops);
		cache.save();
		KNOWN.put(key, gflops);
		return new Measured(gflops, true);
	}

	/** @return GFLOP/s of the fastest of 5 multiplies after 2 warm-ups */
	private static double measureNow() {
		try (NDManager m = DjlRuntime.engine().newBaseManager()) {
			final NDArray a = m.randomNormal(new Shape(SIDE, SIDE));
			final NDArray b = m.randomNormal(new Shape(SIDE, SIDE));
			double best = Double.MAX_VALUE;
			for (int i = 0; i < 7; i++) {
				try (NDManager scope = m.newSubManager()) {
					final long t0 = System.nanoTime();
					a.matMul(b).attach(scope);
					if (i >= 2) best = Math.min(best, (System.nanoTime() - t0) / 1e9);
				}
			}
			return 2.0 * SIDE * SIDE * SIDE / best / 1e9;
		}
	}

	private static String key() {
		return TuningCache.machineKey() + " | matmul peak";
	}
}
