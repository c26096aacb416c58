package org.xrayseg.core.progress;

import org.xrayseg.core.error.CancelledException;

/**
 * Receives progress of long work and tells it when to stop. Core code calls
 * {@link #update} at a coarse grain (per batch, tile or slice) and
 * {@link #checkCancelled()} at points where stopping leaves a valid state.
 */
public interface ProgressListener {

	/** A listener that shows nothing and never cancels. */
	ProgressListener NONE = (status, done, total) -> { };

	/**
	 * @param status one short line describing the current step
	 * @param done units of work finished so far
	 * @param total units of work in all (at least 1)
	 */
	void update(String status, long done, long total);

	/** Reports a line worth keeping in a log, e.g. the result of an epoch. */
	default void message(final String line) {}

	/** @return true once the user asked to stop */
	default boolean isCancelled() {
		return Thread.currentThread().isInterrupted();
	}

	/** Throws {@link CancelledException} if the user asked to stop. */
	default void checkCancelled() {
		if (isCancelled()) throw new CancelledException();
	}

	/** @return a listener that shows nothing but stops when this one does */
	default ProgressListener quiet() {
		final ProgressListener parent = this;
		return new ProgressListener() {

			@Override
			public void update(final String status, final long done, final long total) {}

			@Override
			public boolean isCancelled() {
				return parent.isCancelled();
			}
		};
	}

	/**
	 * A listener that maps this one's range onto a sub-range: the parent sees
	 * {@code offset + done * span / total} of {@code parentTotal}. Cancellation is
	 * passed through.
	 */
	default ProgressListener slice(final long offset, final long span, final long parentTotal) {
		final ProgressListener parent = this;
		return new ProgressListener() {

			@Override
			public void update(final String status, final long done, final long total) {
				parent.update(status, offset + span * done / Math.max(1, total), parentTotal);
			}

			@Override
			public void message(final String line) {
				parent.message(line);
			}

			@Override
			public boolean isCancelled() {
				return parent.isCancelled();
			}
		};
	}
}
