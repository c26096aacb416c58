package org.xrayseg.spark;

import java.io.PrintStream;
import java.util.Locale;

import org.apache.spark.TaskFailedReason;
import org.apache.spark.TaskKilled;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;

/**
 * Follows the tasks of a job on the driver: prints a progress line at every
 * tenth of the tasks (and for every task Spark has to run again), and tells
 * when no task attempt is running any more, so that the driver renames the
 * partial folders only after every speculative or zombie attempt has stopped.
 */
final class JobProgress extends SparkListener {

	private final PrintStream log;
	private final int tasks;
	private int running;
	private int succeeded;
	private int failed;
	private boolean jobEnded;
	private int lastTenth;

	JobProgress(final PrintStream log, final int tasks) {
		this.log = log;
		this.tasks = tasks;
	}

	@Override
	public synchronized void onTaskStart(final SparkListenerTaskStart start) {
		running++;
	}

	@Override
	public synchronized void onTaskEnd(final SparkListenerTaskEnd end) {
		running--;
		if (end.taskInfo().successful()) succeeded++;
		else if (!(end.reason() instanceof TaskKilled)) { // killed: a speculative copy whose twin finished first
			failed++;
			final String why = end.reason() instanceof TaskFailedReason ? ((TaskFailedReason) end.reason())
				.toErrorString() : String.valueOf(end.reason());
			log.println("xrayseg: task " + end.taskInfo().index() + " failed (" + why.lines().findFirst().orElse("") +
				"); Spark runs it again unless it failed too often");
		}
		final int tenth = Math.min(10, succeeded * 10 / Math.max(1, tasks));
		if (tenth > lastTenth) {
			lastTenth = tenth;
			log.println(String.format(Locale.ROOT, "xrayseg: %d of %d tasks done", Math.min(succeeded, tasks), tasks));
		}
		notifyAll();
	}

	@Override
	public synchronized void onJobEnd(final SparkListenerJobEnd end) {
		jobEnded = true;
		notifyAll();
	}

	/** @return the task attempts that failed (and were run again, or failed the job) */
	synchronized int failedAttempts() {
		return failed;
	}

	/** Waits until the job has ended and no attempt of its tasks runs, at most {@code millis}. */
	synchronized void awaitIdle(final long millis) throws InterruptedException {
		final long end = System.currentTimeMillis() + millis;
		while (!(jobEnded && running <= 0)) {
			final long left = end - System.currentTimeMillis();
			if (left <= 0) return;
			wait(left);
		}
	}
}
