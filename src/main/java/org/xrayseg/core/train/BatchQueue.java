package org.xrayseg.core.train;

import java.util.ArrayDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.xrayseg.core.error.Tasks;

/**
 * The batches of one epoch, drawn, augmented and laid out for the network on
 * a Java thread of their own a few steps ahead of the training thread, so
 * that the native kernels of a step do not wait for Java between steps. One
 * thread draws them in order from the epoch's sampler, so the batches are
 * exactly those the training thread would draw itself (same seed, same
 * model). At most {@link #AHEAD} batches wait, a few megabytes.
 */
final class BatchQueue implements AutoCloseable {

	/** Batches drawn ahead of the step that runs. */
	static final int AHEAD = 2;

	private final PatchSampler sampler;
	private final int batchSize;
	private final int classes;
	private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
		final Thread t = new Thread(r, "training patches");
		t.setDaemon(true);
		return t;
	});
	private final ArrayDeque<Future<PreparedBatch>> ahead = new ArrayDeque<>();
	private int toSubmit;

	/**
	 * @param count batches to draw (the epoch's steps)
	 * @param classes classes of the one-hot labels
	 */
	BatchQueue(final PatchSampler sampler, final int batchSize, final int classes, final int count) {
		this.sampler = sampler;
		this.batchSize = batchSize;
		this.classes = classes;
		this.toSubmit = count;
		fill();
	}

	/**
	 * @return the next batch, waiting for it if it is not ready yet
	 * @throws java.util.NoSuchElementException after {@code count} batches
	 */
	PreparedBatch next() {
		final Future<PreparedBatch> first = ahead.remove();
		fill();
		return Tasks.result(first);
	}

	private void fill() {
		while (toSubmit > 0 && ahead.size() < AHEAD) {
			ahead.add(thread.submit(() -> PreparedBatch.of(sampler.next(batchSize), classes)));
			toSubmit--;
		}
	}

	/** Stops drawing: a batch being drawn is finished and dropped. */
	@Override
	public void close() {
		thread.shutdownNow();
	}
}
