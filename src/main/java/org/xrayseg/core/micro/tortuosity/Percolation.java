package org.xrayseg.core.micro.tortuosity;

import org.xrayseg.core.progress.ProgressListener;

/**
 * Finds the part of a phase that percolates in one direction: the voxels
 * 6-connected (wrapping around the side faces where periodic) both to the
 * first layer and to the last layer along that direction. Dead ends and
 * isolated clusters carry no steady flux, so the solvers leave them out.
 */
final class Percolation {

	static final byte FROM_INLET = 1;
	static final byte FROM_OUTLET = 2;
	static final byte BOTH = FROM_INLET | FROM_OUTLET;

	private Percolation() {}

	/**
	 * @return per voxel, {@link #FROM_INLET} | {@link #FROM_OUTLET} for the
	 *         voxels reached from either face ({@link #BOTH} = percolating)
	 */
	static byte[] label(final PhaseMask m, final int direction, final boolean periodic,
		final ProgressListener listener)
	{
		final byte[] label = new byte[m.mask().length];
		flood(m, direction, periodic, 0, FROM_INLET, label, listener);
		flood(m, direction, periodic, m.size(direction) - 1, FROM_OUTLET, label, listener);
		return label;
	}

	/** @return the number of percolating voxels in {@code label} */
	static long count(final byte[] label) {
		long n = 0;
		for (final byte b : label)
			if (b == BOTH) n++;
		return n;
	}

	/** Breadth-first flood from the phase voxels of one layer, setting {@code bit}. */
	private static void flood(final PhaseMask m, final int d, final boolean periodic, final int layer,
		final byte bit, final byte[] label, final ProgressListener listener)
	{
		final int nx = m.nx(), ny = m.ny(), nz = m.nz();
		final byte[] mask = m.mask();
		final IntQueue queue = new IntQueue();
		final int[] lo = { 0, 0, 0 }, hi = { nx, ny, nz };
		lo[d] = layer;
		hi[d] = layer + 1;
		for (int z = lo[2]; z < hi[2]; z++)
			for (int y = lo[1]; y < hi[1]; y++)
				for (int x = lo[0]; x < hi[0]; x++) {
					final int i = x + nx * (y + ny * z);
					if (mask[i] != 0) {
						label[i] |= bit;
						queue.add(i);
					}
				}
		final boolean[] wrap = { periodic && d != 0, periodic && d != 1, periodic && d != 2 };
		final int sliceSize = nx * ny;
		long visited = 0;
		while (!queue.isEmpty()) {
			final int i = queue.poll();
			if ((++visited & 0xFFFFF) == 0) listener.checkCancelled();
			final int x = i % nx, y = (i / nx) % ny, z = i / sliceSize;
			visit(i, x, nx, 1, wrap[0], bit, mask, label, queue);
			visit(i, y, ny, nx, wrap[1], bit, mask, label, queue);
			visit(i, z, nz, sliceSize, wrap[2], bit, mask, label, queue);
		}
	}

	/** Visits both neighbours of voxel {@code i} along one axis. */
	private static void visit(final int i, final int c, final int n, final int stride, final boolean wrap,
		final byte bit, final byte[] mask, final byte[] label, final IntQueue queue)
	{
		if (n == 1) return;
		final int plus = c + 1 < n ? i + stride : wrap ? i - (n - 1) * stride : -1;
		final int minus = c > 0 ? i - stride : wrap ? i + (n - 1) * stride : -1;
		enqueue(plus, bit, mask, label, queue);
		enqueue(minus, bit, mask, label, queue);
	}

	private static void enqueue(final int j, final byte bit, final byte[] mask, final byte[] label,
		final IntQueue queue)
	{
		if (j >= 0 && mask[j] != 0 && (label[j] & bit) == 0) {
			label[j] |= bit;
			queue.add(j);
		}
	}

	/** A growable ring buffer of ints: the flood's front, far smaller than the volume as a rule. */
	private static final class IntQueue {

		private int[] items = new int[1 << 16];
		private int head, size;

		void add(final int v) {
			if (size == items.length) {
				final int[] bigger = new int[items.length * 2];
				for (int k = 0; k < size; k++)
					bigger[k] = items[(head + k) % items.length];
				items = bigger;
				head = 0;
			}
			items[(head + size++) % items.length] = v;
		}

		int poll() {
			final int v = items[head];
			head = (head + 1) % items.length;
			size--;
			return v;
		}

		boolean isEmpty() {
			return size == 0;
		}
	}
}
