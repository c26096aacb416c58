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
 * Follows the tasks of a job on the driver: prints the slices done and the
 * rate (at every tenth of the slices, and at least every 30 seconds), says
 * when a task attempt failed, and tells when no attempt is running any more,
 * so that the driver renames the partial folders only after every
 * speculative or zombie attempt has stopped.
 */
final class JobProgress extends SparkListener {

	private static final long PRINT_EVERY_NS = 30_000_000_000L;

	private final PrintStream log;
	private final int[] slicesOfTask;
	private final boolean[] done;
	private final int total;
	private final long start = System.nanoTime();
	private long lastPrint = start;
	private int lastTenth;
	private int slicesDone;
	private int running;
	private int failed;
	private boolean jobEnded;

	/** @param slicesOfTask the number of slices of every task, by partition */
	JobProgress(final PrintStream log, final int[] slicesOfTask) {
		this.log = log;
		this.slicesOfTask = slicesOfTask.clone();
		this.done = new boolean[slicesOfTask.length];
		int sum = 0;
		for (final int n : slicesOfTask)
			sum += n;
		this.total = sum;
	}

	@Override
	public synchronized void onTaskStart(final SparkListenerTaskStart start) {
		running++;
	}

	@Override
	public synchronized void onTaskEnd(final SparkListenerTaskEnd end) {
		running--;
		final int task = end.taskInfo().index();
		if (end.taskInfo().successful() && task < done.length && !done[task]) {
			done[task] = true;
			slicesDone += slicesOfTask[task];
			print();
		}
		else if (!end.taskInfo().successful() && !(end.reason() instanceof TaskKilled)) {
			// (killed: a speculative copy whose twin finished first)
			failed++;
			final String why = end.reason() instanceof TaskFailedReason ? ((TaskFailedReason) end.reason())
				.toErrorString() : String.valueOf(end.reason());
			log.println("xrayseg: task " + task + " failed (" + why.lines().findFirst().orElse("") +
				"); Spark runs it again unless it failed too often");
		}
		notifyAll();
	}

	private void print() {
		final long now = System.nanoTime();
		final int tenth = slicesDone * 10 / Math.max(1, total);
		if (tenth == lastTenth && now - lastPrint < PRINT_EVERY_NS) return;
		lastTenth = tenth;
		lastPrint = now;
		log.println(String.format(Locale.ROOT, "xrayseg: %d of %d slices (%.0f%%), %.2f slices/s", slicesDone, total,
			100.0 * slicesDone / Math.max(1, total), slicesDone / ((now - start) / 1e9)));
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
