package org.xrayseg.cli;

import java.io.PrintStream;
import java.util.Locale;

import org.scijava.app.event.StatusEvent;
import org.scijava.event.EventHandler;

/**
 * Prints the commands' status events as one progress line on stderr:
 * rewritten in place on a terminal, a new line at most every 10 s otherwise.
 */
public final class ConsoleProgress {

	private static final long LOG_INTERVAL_NANOS = 10_000_000_000L;

	private final PrintStream err;
	private final boolean terminal;
	private long lastLine;
	private int width;

	ConsoleProgress(final PrintStream err, final boolean terminal) {
		this.err = err;
		this.terminal = terminal;
	}

	@EventHandler
	public synchronized void onStatus(final StatusEvent e) {
		if (e.getStatusMessage() == null || e.getProgressMaximum() <= 0) return;
		final double fraction = Math.min(1, (double) e.getProgressValue() / e.getProgressMaximum());
		final String line = String.format(Locale.ROOT, "[%-20s] %3.0f%% %s", "#".repeat((int) (fraction * 20)),
			fraction * 100, e.getStatusMessage());
		if (terminal) {
			err.print("\r" + line + " ".repeat(Math.max(0, width - line.length())));
			width = line.length();
			err.flush();
			return;
		}
		final long now = System.nanoTime();
		if (now - lastLine < LOG_INTERVAL_NANOS) return;
		lastLine = now;
		err.println(line);
	}

	/** Ends the progress line so that the next output starts on a new line. */
	synchronized void finish() {
		if (terminal && width > 0) err.println();
		width = 0;
	}
}
