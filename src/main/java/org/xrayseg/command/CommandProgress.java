package org.xrayseg.command;

import org.scijava.app.StatusService;
import org.scijava.log.LogService;
import org.xrayseg.core.progress.ProgressListener;

/**
 * Shows the progress of core work through SciJava's status service (Fiji's
 * status bar and progress bar; the command line's progress line) and its log
 * lines through the log service. Work stops when the command's thread is
 * interrupted (Cancel in Fiji, Ctrl-C on the command line).
 */
public final class CommandProgress implements ProgressListener {

	private static final long MIN_INTERVAL_NANOS = 200_000_000L;

	private final StatusService status;
	private final LogService log;
	private long lastUpdate;

	public CommandProgress(final StatusService status, final LogService log) {
		this.status = status;
		this.log = log;
	}

	@Override
	public void update(final String text, final long done, final long total) {
		final long now = System.nanoTime();
		if (done < total && now - lastUpdate < MIN_INTERVAL_NANOS) return;
		lastUpdate = now;
		if (status == null) return;
		final int scale = (int) Math.max(1, total / 10_000);
		status.showStatus((int) (done / scale), (int) (total / scale), text);
	}

	@Override
	public void message(final String line) {
		if (log != null) log.info(line);
	}
}
