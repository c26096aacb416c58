package org.xrayseg.core.micro;

import java.util.function.IntFunction;

import org.xrayseg.core.micro.volume.LabelVolume;
import org.xrayseg.core.progress.ProgressListener;

/**
 * Streams a label volume one slice at a time (keeping the slice before it) and
 * counts what the streaming measures need: voxels per phase, neighbour pairs
 * of different phases along 13 directions, triple-phase edges, and clusters
 * with the faces they touch. Where three phases meet, a second pass finds the
 * active triple-phase boundary. Memory: a few slices, plus the clusters.
 */
final class VolumeScan {

	final int width, height, depth;
	final PhaseIndex phases = new PhaseIndex();
	final long[] voxels = new long[PhaseIndex.MAX];
	final InterfaceCounter interfaces = new InterfaceCounter();
	final TpbCounter tpb = new TpbCounter(false);
	final TpbCounter activeTpb = new TpbCounter(true);
	final Clusters clusters = new Clusters();
	final int connectivity;

	private VolumeScan(final LabelVolume volume, final int connectivity) {
		this.width = volume.width();
		this.height = volume.height();
		this.depth = volume.depth();
		this.connectivity = connectivity;
	}

	/**
	 * @param connectivity 6 or 26: which voxels of a phase are neighbours in a cluster
	 * @param describe names slice z of the volume for messages
	 */
	static VolumeScan run(final LabelVolume volume, final int connectivity,
		final IntFunction<String> describe, final ProgressListener progress)
	{
		final VolumeScan scan = new VolumeScan(volume, connectivity);
		scan.firstPass(volume, describe, progress);
		if (scan.hasTpb()) scan.activePass(volume, progress);
		return scan;
	}

	private void firstPass(final LabelVolume volume, final IntFunction<String> describe,
		final ProgressListener progress)
	{
		final ClusterLabeller labeller = ClusterLabeller.building(clusters, connectivity, width, height, depth);
		try (SliceReader reader = new SliceReader(volume, phases, describe)) {
			byte[] prev = null;
			for (int z = 0; z < depth; z++) {
				progress.checkCancelled();
				progress.update("Measuring slice " + (z + 1) + " of " + depth, z, 2L * depth);
				final byte[] before = prev, cur = reader.next();
				final int slice = z;
				reader.parallel(() -> {
					count(cur);
					interfaces.add(before, cur, width, height);
				}, () -> tpb.add(before, cur, null, null, width, height), () -> labeller.label(before, cur, slice));
				prev = cur;
			}
		}
	}

	private void count(final byte[] slice) {
		for (final byte p : slice)
			voxels[p]++;
	}

	private boolean hasTpb() {
		for (final long[] e : tpb.edges)
			if (e != null) return true;
		return false;
	}

	/** Numbers the voxels again as the first pass did and counts the edges where all three phases percolate. */
	private void activePass(final LabelVolume volume, final ProgressListener progress) {
		final byte[] percolating = new byte[clusters.count()];
		for (int c = 0; c < percolating.length; c++)
			percolating[c] = (byte) (clusters.percolates(clusters.find(c)) ? 1 : 0);
		final int n = width * height;
		final ClusterLabeller replay = ClusterLabeller.replay(clusters, connectivity, width, height, depth);
		try (SliceReader reader = new SliceReader(volume, phases, z -> "slice " + (z + 1))) {
			byte[] prev = null, prevFlags = new byte[n], curFlags = new byte[n];
			for (int z = 0; z < depth; z++) {
				progress.checkCancelled();
				progress.update("Active triple-phase boundary, slice " + (z + 1) + " of " + depth, depth + z, 2L *
					depth);
				final byte[] cur = reader.next();
				final int[] ids = replay.label(prev, cur, z);
				for (int i = 0; i < n; i++)
					curFlags[i] = percolating[ids[i]];
				activeTpb.add(prev, cur, prevFlags, curFlags, width, height);
				prev = cur;
				final byte[] f = prevFlags;
				prevFlags = curFlags;
				curFlags = f;
			}
		}
	}
}
