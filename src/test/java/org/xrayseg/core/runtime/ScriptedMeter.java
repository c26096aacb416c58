package org.xrayseg.core.runtime;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A {@link CpuMeter} whose intervals are given by the test, in order: each
 * look at the load (a sample while waiting, or the work since the last look)
 * takes the next. Its readings are dated 5 s back, so that every look finds
 * the previous one old enough to look again.
 */
public final class ScriptedMeter extends CpuMeter {

	private final int cores;
	private final Deque<Interval> script = new ArrayDeque<>();

	public ScriptedMeter(final int cores) {
		this.cores = cores;
	}

	/** The next interval: {@code others} and {@code own} processors in use. */
	public ScriptedMeter then(final double others, final double own) {
		script.add(new Interval(1, cores, others, own));
		return this;
	}

	/** @return whether every interval given was looked at */
	public boolean used() {
		return script.isEmpty();
	}

	@Override
	public int cores() {
		return cores;
	}

	@Override
	public Reading read() {
		return new Reading(System.nanoTime() - 5_000_000_000L, 0, 0);
	}

	@Override
	public Interval between(final Reading a, final Reading b) {
		if (script.isEmpty()) throw new AssertionError("looked at the load more often than scripted");
		return script.poll();
	}
}
