package org.xrayseg.core.error;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Failures of work done on another thread, seen by the thread that waits for it. */
public final class Tasks {

	private Tasks() {}

	/**
	 * Waits for {@code task} and returns its result; its failure is thrown here
	 * as it was thrown there (an unchecked exception or error as itself).
	 *
	 * @throws CancelledException if the waiting thread is interrupted (its interrupt flag is set again)
	 */
	public static <T> T result(final Future<T> task) {
		try {
			return task.get();
		}
		catch (final InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new CancelledException();
		}
		catch (final ExecutionException e) {
			if (e.getCause() instanceof RuntimeException r) throw r;
			if (e.getCause() instanceof Error r) throw r;
			throw new IllegalStateException(e.getCause());
		}
	}
}
