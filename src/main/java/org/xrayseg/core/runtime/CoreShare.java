package org.xrayseg.core.runtime;

import java.util.Locale;

import org.xrayseg.core.error.InvalidInputException;

/**
 * How many threads PyTorch computes one operation with, from the cores other
 * programs leave free. PyTorch's threads wait for each other at the end of
 * every operation, so one of them sharing its core with another program sets
 * the pace of all: on 2 cores, one busy program made training 2.3 times and a
 * program wanting both cores 4 times slower with 2 threads, 1.2 and 1.8 times
 * with 1 (bench/RESULTS.md, issue 28). A job therefore judges what other
 * programs use when it starts ({@link #start}: from the counters since the
 * last look of any job, or since the engine started, where that was recent;
 * else for {@link #WINDOW} seconds while it waits), and again from the
 * counters of its own work, at least {@link #EVERY} seconds of it, between
 * training steps and slices
 * ({@link #adjust}). While the job computes, other programs get only a share
 * of the cores they want: when the processors are saturated, their demand
 * is estimated from that share (each runnable thread gets about as much as
 * each of ours); a program that stops shows in the next look, which gives
 * the threads back. Each time it sets the threads of the calling thread
 * (PyTorch keeps the count per thread: a job's operations run where it is
 * set).
 * <p>
 * The count follows the load unless fixed: system property {@value #PROPERTY}
 * (or DJL's {@code ai.djl.pytorch.num_threads}) gives the number. A fixed
 * count makes training and Segment bit-identical whatever the load; a count
 * that follows the load changes a network's weights in their last digits
 * (a convolution's sums are split by thread) and may flip a pixel whose two
 * best classes are tied to the last digit (about 1 in 2.5 million).
 */
public final class CoreShare {

	/**
	 * System property: the threads of every job, fixed: a number, or "all" for PyTorch's default (one per core);
	 * "auto" or absent: follow the free cores.
	 */
	public static final String PROPERTY = "xrayseg.threads";
	/**
	 * Seconds sampled when a job starts with no recent look, and the shortest interval a measured speed is
	 * judged over: Linux counts busy time in hundredths of a second per processor.
	 */
	static final double WINDOW = 0.25;
	/**
	 * The shortest interval a job's first look judges from the counters since the last look: a tenth of a
	 * second, whose ticks misjudge a quiet machine by a tenth of a core or two (a program busy on a core
	 * shows as one).
	 */
	static final double SHORTEST = 0.1;
	/** Seconds of work at least between two looks. */
	static final double EVERY = 1.0;
	/** Seconds within which a job judges the load from the counters since the last look, without waiting. */
	static final double RECENT = 30;
	/** Cores taken by other programs from which a job reports the machine as busy. */
	static final double BUSY = 0.5;
	/** Processors counted as saturated when at most this much of one is idle. */
	static final double SATURATED = 0.25;

	/**
	 * The threads chosen and why.
	 *
	 * @param threads PyTorch's threads on this thread from now on
	 * @param cores processors this JVM may run on
	 * @param taken processors other programs want (mean over the interval looked at), NaN if unknown
	 * @param fixed whether the count is fixed by the user (it does not follow the load)
	 */
	public record Load(int threads, int cores, double taken, boolean fixed) {

		/** @return whether other programs want at least half a core */
		public boolean busy() {
			return taken >= BUSY;
		}

		/** @return e.g. "machine busy: other programs want 1.3 of 2 cores; 1 thread", or "" when not busy */
		public String note() {
			return busy() ? String.format(Locale.ROOT, "machine busy: other programs want %.1f of %d cores; %d thread%s%s",
				taken, cores, threads, threads == 1 ? "" : "s", fixed ? " (fixed)" : "") : "";
		}

		/** @return {@link #note()} in parentheses after a space, for the end of a progress line; "" when not busy */
		public String aside() {
			return busy() ? " (" + note() + ")" : "";
		}
	}

	private static final class State {

		CpuMeter.Reading last;
		Load load;
		int ceiling;
	}

	private static final ThreadLocal<State> STATE = ThreadLocal.withInitial(State::new);
	private static volatile CpuMeter meter = new CpuMeter();
	/** The last reading of any job's look (or the engine's start), process-wide. */
	private static volatile CpuMeter.Reading lastLook;

	private CoreShare() {}

	/**
	 * Caps the threads of jobs on the calling thread (a Spark task: its {@code spark.task.cpus}).
	 *
	 * @param threads at most this many, 0 for no cap of the caller's own
	 */
	public static void limitThisThread(final int threads) {
		STATE.get().ceiling = Math.max(0, threads);
	}

	/**
	 * A job starts on the calling thread: unless this thread looked at the load
	 * less than {@link #EVERY} seconds ago, judges it from the counters since
	 * the last look of any job (or since the engine started) if that was at most
	 * {@link #RECENT} seconds ago, waiting only for what lacks to
	 * {@link #SHORTEST} seconds; else samples it for {@link #WINDOW} seconds while
	 * waiting (not when the count is fixed). Sets this thread's threads.
	 *
	 * @return the choice
	 */
	public static Load start() {
		final State s = STATE.get();
		if (s.load != null && s.last != null && age(s) < EVERY) return s.load;
		final CpuMeter.Reading since = recentLook();
		if (since == null) return decide(s, idleLook());
		final double age = (System.nanoTime() - since.nanos()) / 1e9;
		if (age < SHORTEST && fixed() == 0) sleep(SHORTEST - age);
		final CpuMeter.Reading now = meter.read();
		final CpuMeter.Interval recent = meter.between(since, now);
		return decide(s, recent, demand(recent, DjlRuntime.threads()), now);
	}

	/** Notes the counters when PyTorch's engine starts: the first job judges the load from the time since. */
	static void prime() {
		lastLook = meter.read();
	}

	/** @return the last look of any job, if it lies at most {@link #RECENT} seconds back, else null */
	private static CpuMeter.Reading recentLook() {
		final CpuMeter.Reading p = lastLook;
		return p != null && (System.nanoTime() - p.nanos()) / 1e9 <= RECENT ? p : null;
	}

	/**
	 * Looks at the load since the last look, if that was at least {@link #EVERY}
	 * seconds ago, and sets this thread's threads; starts if this thread never looked.
	 *
	 * @return the choice now in effect
	 */
	public static Load adjust() {
		final State s = STATE.get();
		if (s.load == null || s.last == null) return start();
		if (age(s) < EVERY) return s.load;
		final CpuMeter.Reading now = meter.read();
		final CpuMeter.Interval working = meter.between(s.last, now);
		// a share that ends shows in the next look, which gives the threads back
		return decide(s, working, demand(working, s.load.threads()), now);
	}

	/**
	 * @param working the interval while a job computed with {@code threads} threads
	 * @return the processors other programs want: what they used, or where the processors were
	 *         saturated, that use scaled by how much each of the job's threads got
	 */
	static double demand(final CpuMeter.Interval working, final int threads) {
		final double others = working.others();
		final double own = working.own();
		if (Double.isNaN(others) || Double.isNaN(own)) return others;
		final boolean saturated = others + own >= working.cores() - SATURATED;
		return saturated && own > 0.05 ? Math.min(working.cores(), others * Math.max(1, threads) / own) : others;
	}

	/** @return the choice in effect on this thread ({@link #start} if none was made) */
	public static Load current() {
		final State s = STATE.get();
		return s.load != null ? s.load : start();
	}

	/** @return the counters now, to ask {@link #busySince} after a measurement */
	public static CpuMeter.Reading look() {
		return meter.read();
	}

	/**
	 * @param before a {@link #look} before a measurement of speed
	 * @return whether other programs took at least {@link #BUSY} cores since: a speed measured then is not this
	 *         machine's, and is not kept
	 */
	public static boolean busySince(final CpuMeter.Reading before) {
		final double seconds = (System.nanoTime() - before.nanos()) / 1e9;
		if (seconds < WINDOW) sleep(WINDOW - seconds); // long enough to judge; this thread waits meanwhile
		final CpuMeter.Interval i = meter.between(before, meter.read());
		return demand(i, DjlRuntime.threads()) >= BUSY;
	}

	/** @return what other programs use over {@link #WINDOW} seconds in which this thread waits, and the reading at its end */
	private static Look idleLook() {
		final CpuMeter.Reading a = meter.read();
		if (fixed() == 0) sleep(WINDOW);
		final CpuMeter.Reading b = meter.read();
		return new Look(meter.between(a, b), b);
	}

	private record Look(CpuMeter.Interval interval, CpuMeter.Reading end) {}

	private static Load decide(final State s, final Look look) {
		return decide(s, look.interval(), look.interval().others(), look.end());
	}

	private static Load decide(final State s, final CpuMeter.Interval interval, final double demand,
		final CpuMeter.Reading end)
	{
		final int fixed = fixed();
		final int threads = fixed > 0 ? ceiling(s) : choose(ceiling(s), interval.cores(), demand);
		if (DjlRuntime.threads() != threads) DjlRuntime.threads(threads);
		s.last = end;
		lastLook = end;
		s.load = new Load(threads, interval.cores(), demand, fixed > 0);
		return s.load;
	}

	/** @return the most threads a job on this thread may use: the fixed count or PyTorch's default, within the thread's cap */
	private static int ceiling(final State s) {
		final int fixed = fixed();
		final int most = fixed > 0 ? fixed : DjlRuntime.defaultThreads();
		return Math.max(1, s.ceiling > 0 ? Math.min(s.ceiling, most) : most);
	}

	/**
	 * @param ceiling the most threads a job may use
	 * @param cores processors this JVM may run on
	 * @param taken processors other programs kept from it (NaN: unknown)
	 * @return the free cores, rounded, between 1 and {@code ceiling}
	 */
	static int choose(final int ceiling, final int cores, final double taken) {
		if (Double.isNaN(taken)) return ceiling;
		return Math.max(1, Math.min(ceiling, (int) Math.floor(cores - taken + 0.5)));
	}

	/** @return the threads the user fixed (system property), 0 if they follow the load */
	static int fixed() {
		final String v = System.getProperty(PROPERTY);
		if (v == null || v.isBlank() || "auto".equalsIgnoreCase(v.trim())) return DjlRuntime.threadsConfigured()
			? DjlRuntime.defaultThreads() : 0;
		if ("all".equalsIgnoreCase(v.trim())) return DjlRuntime.defaultThreads();
		try {
			final int n = Integer.parseInt(v.trim());
			if (n >= 1) return n;
		}
		catch (final NumberFormatException e) {
			// said below
		}
		throw new InvalidInputException(PROPERTY + " must be auto, all (PyTorch's default, fixed) or a number of " +
			"threads of at least 1, not '" + v + "'");
	}

	private static double age(final State s) {
		return (System.nanoTime() - s.last.nanos()) / 1e9;
	}

	private static void sleep(final double seconds) {
		try {
			Thread.sleep((long) (seconds * 1000));
		}
		catch (final InterruptedException e) {
			Thread.currentThread().interrupt(); // the caller's cancel check sees it
		}
	}

	/** For tests: measures with {@code m} from now on (null: the operating system's), forgetting this thread's looks. */
	public static synchronized void useMeter(final CpuMeter m) {
		meter = m != null ? m : new CpuMeter();
		lastLook = null;
		STATE.remove();
	}
}
