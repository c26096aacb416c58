package org.xrayseg.core.micro;

/**
 * Finds the clusters of every phase slice by slice: a voxel joins the
 * clusters of its neighbours of the same phase in its slice (4 or 8 of them)
 * and in the slice before (1 or 9): 6- or 26-connectivity in 3D. The first
 * pass builds {@link Clusters}; a second pass over the same slices (a
 * {@link #replay}) numbers the voxels exactly as the first did, so that each
 * voxel can be looked up in the finished clusters without keeping a label per
 * voxel.
 */
final class ClusterLabeller {

	private final Clusters clusters;
	private final boolean full;
	private final boolean build;
	private final int w, h, depth;
	private int[] prevIds, curIds;
	/** the next new cluster number of a replay: the first pass created them in the same order */
	private int next;

	private ClusterLabeller(final Clusters clusters, final boolean full, final boolean build, final int w,
		final int h, final int depth)
	{
		this.clusters = clusters;
		this.full = full;
		this.build = build;
		this.w = w;
		this.h = h;
		this.depth = depth;
		this.prevIds = new int[w * h];
		this.curIds = new int[w * h];
	}

	/** @param connectivity 6 or 26 */
	static ClusterLabeller building(final Clusters clusters, final int connectivity, final int w, final int h,
		final int depth)
	{
		return new ClusterLabeller(clusters, connectivity == 26, true, w, h, depth);
	}

	/** @return a labeller that numbers voxels as {@code first} did, without changing the clusters */
	static ClusterLabeller replay(final Clusters clusters, final int connectivity, final int w, final int h,
		final int depth)
	{
		return new ClusterLabeller(clusters, connectivity == 26, false, w, h, depth);
	}

	/**
	 * Labels slice {@code z}.
	 *
	 * @param prev the phases of slice z - 1, or null for the first slice
	 * @return the provisional cluster number of every voxel of the slice (valid until the next call)
	 */
	int[] label(final byte[] prev, final byte[] cur, final int z) {
		final int[] swap = prevIds;
		prevIds = curIds;
		curIds = swap;
		final int zFaces = (z == 0 ? Clusters.Z0 : 0) | (z == depth - 1 ? Clusters.Z1 : 0);
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				final int i = x + w * y;
				final int p = cur[i];
				int id = inSlice(cur, i, x, y, p);
				if (id < 0) id = build ? clusters.create(p) : next++;
				curIds[i] = id;
				if (!build) continue;
				int root = clusters.find(id);
				if (prev != null) root = linkBelow(prev, i, x, y, p, root);
				clusters.addVoxel(root, zFaces | (x == 0 ? Clusters.X0 : 0) | (x == w - 1 ? Clusters.X1 : 0) |
					(y == 0 ? Clusters.Y0 : 0) | (y == h - 1 ? Clusters.Y1 : 0));
			}
		return curIds;
	}

	/** @return the cluster of the voxel's earlier neighbours in its slice (joining them), or -1 if none */
	private int inSlice(final byte[] cur, final int i, final int x, final int y, final int p) {
		int id = -1;
		if (x > 0 && cur[i - 1] == p) id = curIds[i - 1];
		if (y > 0) {
			if (cur[i - w] == p) id = join(id, curIds[i - w]);
			if (full && x > 0 && cur[i - w - 1] == p) id = join(id, curIds[i - w - 1]);
			if (full && x + 1 < w && cur[i - w + 1] == p) id = join(id, curIds[i - w + 1]);
		}
		return id;
	}

	private int join(final int id, final int other) {
		if (id < 0) return other;
		return build ? clusters.union(id, other) : id;
	}

	private int linkBelow(final byte[] prev, final int i, final int x, final int y, final int p, int root) {
		if (!full) return prev[i] == p ? clusters.union(root, prevIds[i]) : root;
		for (int dy = -1; dy <= 1; dy++) {
			if (y + dy < 0 || y + dy >= h) continue;
			for (int dx = -1; dx <= 1; dx++) {
				if (x + dx < 0 || x + dx >= w) continue;
				final int j = i + dx + w * dy;
				if (prev[j] == p) root = clusters.union(root, prevIds[j]);
			}
		}
		return root;
	}
}
