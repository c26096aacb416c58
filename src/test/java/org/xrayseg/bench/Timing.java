package org.xrayseg.bench;

/** Best-of-n timing: the machine is noisy, the fastest repetition is the least disturbed one. */
final class Timing {

	private Timing() {}

	/** @return the shortest of {@code repeats} runs of {@code work}, in seconds, after {@code warmups} unmeasured runs */
	static double best(final int warmups, final int repeats, final Runnable work) {
		for (int i = 0; i < warmups; i++)
			work.run();
		System.gc(); // garbage of earlier work must not be collected during this one
		double best = Double.MAX_VALUE;
		for (int i = 0; i < repeats; i++) {
			final long t0 = System.nanoTime();
			work.run();
			best = Math.min(best, (System.nanoTime() - t0) / 1e9);
		}
		return best;
	}
}
