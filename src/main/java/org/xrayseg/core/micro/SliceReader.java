package org.xrayseg.core.micro;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

import org.xrayseg.core.error.Tasks;
import org.xrayseg.core.micro.volume.LabelVolume;

/**
 * Reads the slices of a label volume in order as phase indices, the next
 * slice while the caller works on the current one, and runs the caller's
 * work on a slice in parallel. Three slice buffers turn: the slice before,
 * the current one, and the one being read.
 */
final class SliceReader implements AutoCloseable {

	private final LabelVolume volume;
	private final PhaseIndex phases;
	private final IntFunction<String> describe;
	private final ExecutorService pool;
	private final byte[][] buffers = new byte[3][];
	private final int[] codes;
	private Future<?> reading;
	private int z;

	SliceReader(final LabelVolume volume, final PhaseIndex phases, final IntFunction<String> describe) {
		this.volume = volume;
		this.phases = phases;
		this.describe = describe;
		final int n = volume.width() * volume.height();
		for (int i = 0; i < 3; i++)
			buffers[i] = new byte[n];
		this.codes = new int[n];
		this.pool = Executors.newFixedThreadPool(Math.max(2, Math.min(4, Runtime.getRuntime().availableProcessors())),
			r -> {
				final Thread t = new Thread(r, "microstructure");
				t.setDaemon(true);
				return t;
			});
		reading = read(0);
	}

	private Future<?> read(final int slice) {
		final byte[] into = buffers[slice % 3];
		return pool.submit(() -> {
			volume.read(slice, codes);
			phases.translate(codes, into, codes.length, describe.apply(slice));
		});
	}

	/** @return the next slice's phase indices (valid until two more slices are read) */
	byte[] next() {
		await(List.of(reading));
		final byte[] slice = buffers[z % 3];
		z++;
		reading = z < volume.depth() ? read(z) : null;
		return slice;
	}

	/** Runs {@code tasks} in parallel (while the next slice is read) and waits for them. */
	void parallel(final Runnable... tasks) {
		final List<Future<?>> running = new ArrayList<>();
		for (final Runnable t : tasks)
			running.add(pool.submit(t));
		await(running);
	}

	private static void await(final List<Future<?>> futures) {
		for (final Future<?> f : futures)
			Tasks.result(f);
	}

	@Override
	public void close() {
		pool.shutdownNow();
	}
}
