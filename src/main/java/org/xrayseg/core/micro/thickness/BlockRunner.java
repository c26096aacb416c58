package org.xrayseg.core.micro.thickness;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.xrayseg.core.error.CancelledException;
import org.xrayseg.core.error.Tasks;
import org.xrayseg.core.progress.ProgressListener;

/**
 * Runs blocks on a fixed set of workers, each with its own
 * {@link BlockThickness} buffers and {@link ThicknessTally}. With one worker
 * everything runs on the calling thread. Progress is reported and cancellation
 * checked once per block; an interrupt of the calling thread while it waits
 * stops the workers and ends in {@link CancelledException}.
 */
final class BlockRunner implements AutoCloseable {

	private final List<BlockThickness> computers = new ArrayList<>();
	private final List<ThicknessTally> tallies = new ArrayList<>();
	private final ExecutorService pool;
	private final ProgressListener progress;
	private final long totalBlocks;
	private final String status;
	private long done;

	BlockRunner(final int workers, final Supplier<BlockThickness> computer, final ProgressListener progress,
		final long totalBlocks, final String status)
	{
		for (int w = 0; w < workers; w++) {
			computers.add(computer.get());
			tallies.add(new ThicknessTally());
		}
		pool = workers > 1 ? Executors.newFixedThreadPool(workers, r -> {
			final Thread t = new Thread(r, "local-thickness");
			t.setDaemon(true);
			return t;
		}) : null;
		this.progress = progress;
		this.totalBlocks = totalBlocks;
		this.status = status;
	}

	/** Computes the blocks (whose boxes the mask holds), returning when all are done. */
	void run(final List<BlockThickness.Block> blocks) {
		if (pool == null) {
			for (final BlockThickness.Block b : blocks)
				runOne(0, b);
			return;
		}
		final AtomicInteger next = new AtomicInteger();
		final List<Future<?>> futures = new ArrayList<>();
		for (int w = 0; w < computers.size(); w++) {
			final int worker = w;
			futures.add(pool.submit(() -> {
				for (int i = next.getAndIncrement(); i < blocks.size(); i = next.getAndIncrement())
					runOne(worker, blocks.get(i));
			}));
		}
		try {
			for (final Future<?> f : futures)
				Tasks.result(f);
		}
		catch (final RuntimeException | Error e) {
			futures.forEach(f -> f.cancel(true));
			throw e;
		}
	}

	private void runOne(final int worker, final BlockThickness.Block b) {
		progress.checkCancelled();
		computers.get(worker).run(b, tallies.get(worker));
		synchronized (this) {
			done++;
			progress.update(status + ": block " + done + " of " + totalBlocks, done, totalBlocks);
		}
	}

	/** Adds every worker's tally to {@code total}. */
	void mergeInto(final ThicknessTally total) {
		for (final ThicknessTally t : tallies)
			total.merge(t);
	}

	@Override
	public void close() {
		if (pool != null) pool.shutdownNow();
	}
}
