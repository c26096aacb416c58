package org.xrayseg;

import java.util.ArrayList;
import java.util.List;

import org.xrayseg.core.progress.ProgressListener;

/** A progress listener that keeps the messages (log lines) of a run, for tests to read. */
public final class MessageLog implements ProgressListener {

	private final List<String> lines = new ArrayList<>();

	@Override
	public void update(final String status, final long done, final long total) {}

	@Override
	public void message(final String line) {
		lines.add(line);
	}

	public List<String> lines() {
		return lines;
	}

	/** @return the first line that starts with {@code prefix}, or null */
	public String startingWith(final String prefix) {
		return lines.stream().filter(l -> l.startsWith(prefix)).findFirst().orElse(null);
	}

	@Override
	public String toString() {
		return String.join("\n", lines);
	}
}
