package org.xrayseg.core.train;

import java.util.function.DoubleSupplier;

import ai.djl.Device;

import org.xrayseg.core.infer.TuningCache;
import org.xrayseg.core.model.NetworkSpec;
import org.xrayseg.core.runtime.CoreShare;
import org.xrayseg.core.runtime.CpuMeter;
import org.xrayseg.core.runtime.DjlRuntime;

/**
 * The time of one training step of a network on this machine, which the plan
 * needs to fit training into the time budget: measured once per processor,
 * thread count, device and network shape (a few steps of a throwaway copy of
 * the network, after warming up) and kept in the {@link TuningCache}, so that
 * the plans of later runs on this machine, and so their results, do not
 * depend on how busy the machine happens to be. A time measured while other
 * programs took the processors serves the plan it was measured for and is
 * not kept.
 */
final class StepTimer {

	/** Steps run before timing (allocations, kernel choice). */
	static final int WARM_UP = 2;
	/** Steps timed; the fastest counts. */
	static final int TIMED = 3;
	private static final String CONFIG = "seconds per training step";

	private StepTimer() {}

	/**
	 * @param kind e.g. "unet" or "pix2pix" (a Pix2Pix step trains two networks)
	 * @param measure measures the seconds of one step (see {@link #fastest})
	 * @return the seconds per step of this kind of network with these sizes, from the cache or measured now
	 */
	static double secondsPerStep(final String kind, final NetworkSpec spec, final TrainingOptions o,
		final DoubleSupplier measure)
	{
		CoreShare.start(); // the threads this job computes with, part of the key
		final Device device = DjlRuntime.device(o.device());
		final String key = TuningCache.machineKey() + ", " + device + " | training " + kind + " depth " + spec.depth() +
			" filters " + spec.baseFilters() + " classes " + spec.classes() + " inputs " + spec.inputChannels() +
			" batch " + o.batchSize() + " patch " + o.patchSize() + " " + TrainingPrecision.of(o).key();
		final TuningCache cache = TuningCache.load(TuningCache.defaultFile());
		final Double known = cache.get(key, CONFIG);
		if (known != null) return known;
		final CpuMeter.Reading before = CoreShare.look();
		final double seconds = measure.getAsDouble();
		if (CoreShare.busySince(before)) return seconds; // for this plan only: not this machine's speed
		cache.put(key, CONFIG, seconds);
		cache.save();
		return seconds;
	}

	/** @return the shortest wall time of {@link #TIMED} runs of {@code step} after {@link #WARM_UP} untimed ones */
	static double fastest(final Runnable step) {
		for (int i = 0; i < WARM_UP; i++)
			step.run();
		double best = Double.POSITIVE_INFINITY;
		for (int i = 0; i < TIMED; i++) {
			final long t0 = System.nanoTime();
			step.run();
			best = Math.min(best, (System.nanoTime() - t0) / 1e9);
		}
		return best;
	}
}
