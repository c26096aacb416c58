package org.xrayseg.core.micro.thickness;

import java.util.ArrayList;
import java.util.List;

import org.xrayseg.core.error.InvalidInputException;
import org.xrayseg.core.micro.volume.LabelVolume;
import org.xrayseg.core.progress.ProgressListener;

/**
 * The size distribution of a phase: its local thickness (Hildebrand and
 * Rüegsegger 1997, as BoneJ's "Local Thickness" and PoreSpy's
 * {@code local_thickness}). The thickness at a voxel v of the phase is the
 * diameter of the largest ball inside the phase that contains v:
 * {@code T(v) = max 2 d(c)} over centres c with {@code |v - c| < d(c)}, where
 * d(c) is the exact Euclidean distance (physical units, anisotropic voxels
 * allowed) from the centre of voxel c to the centre of the nearest voxel not
 * of the phase. A ball of N voxels across has a thickness of about N; a plate
 * of t slices gets t for even t and t + 1 for odd t (ball centres lie on voxel
 * centres).
 * <p>
 * <b>Outside the volume</b> is treated as phase (no boundary), as BoneJ's
 * distance map and PoreSpy (edt without {@code black_border}) do: a region cut
 * from a larger sample does not make features touching its faces thinner.
 * <p>
 * <b>Blocks and the cap.</b> The volume is read once, slice by slice, into a
 * window of bit slices, and computed in blocks ({@link ThicknessSettings}),
 * each from the block plus a halo of H voxels. Let m(c) be the distance from c
 * to the nearest voxel beyond the halo (only where the halo ends inside the
 * volume) and {@code cap = (H + 1) h}, h the smallest voxel side along an axis
 * that is split into blocks. Every voxel v of a block has m(v) >= cap. Each
 * centre gets the radius {@code min(d_box(c), m(c), cap / 2)}: at most the
 * true d(c), since a non-phase voxel closer than m(c) lies in the box, so
 * every ball is inside the phase and thickness is never overestimated. If
 * T(v) < cap, its best centre c has d(c) < cap / 2 and |v - c| < d(c), so
 * m(c) >= m(v) - |v - c| > cap - cap / 2 > d(c): the box sees c's nearest
 * non-phase voxel and T(v) is exact. Voxels within cap / 2 of a centre
 * whose radius reached cap / 2 have T(v) >= cap and are counted as capped.
 * A voxel of true thickness >= cap that only such a large ball covers may,
 * within about a voxel of the surface of a feature thicker than the cap, be
 * given a smaller (never a larger) value instead of being counted as capped.
 * A volume that fits in one block has no cap and is exact everywhere; a phase
 * that fills such a volume entirely has no boundary and is all capped.
 * <p>
 * Memory: see {@link #bytesNeeded}; it grows with a slice, not with the depth.
 */
public final class LocalThickness {

	private LocalThickness() {}

	/**
	 * @param volume the label volume, read once slice by slice
	 * @param code the label code of the phase
	 * @param hx voxel width, hy height, hz depth (slice spacing), in any one unit
	 * @return the distribution of the phase's thickness, in the voxel size's unit
	 * @throws InvalidInputException when a voxel side is not a positive number
	 * @throws org.xrayseg.core.error.CancelledException when {@code progress} asks to stop
	 */
	public static ThicknessDistribution measure(final LabelVolume volume, final int code, final double hx,
		final double hy, final double hz, final ThicknessSettings settings, final ProgressListener progress)
	{
		return measure(volume, code, hx, hy, hz, settings, 1, progress);
	}

	/**
	 * As {@link #measure(LabelVolume, int, double, double, double, ThicknessSettings, ProgressListener)},
	 * in one block of every {@code sampleEvery}, spread evenly through the
	 * volume (a block's thickness values do not depend on which other blocks
	 * are computed): the distribution of a sample of the phase's voxels.
	 *
	 * @param sampleEvery 1 for every block
	 */
	public static ThicknessDistribution measure(final LabelVolume volume, final int code, final double hx,
		final double hy, final double hz, final ThicknessSettings settings, final int sampleEvery,
		final ProgressListener progress)
	{
		for (final double h : new double[] { hx, hy, hz })
			if (!(h > 0) || Double.isInfinite(h)) throw new InvalidInputException("the voxel size must be " +
				"positive in x, y and z, not " + hx + " x " + hy + " x " + hz);
		final int width = volume.width(), height = volume.height(), depth = volume.depth();
		final double cap = cap(width, height, depth, hx, hy, hz, settings);
		final SlabMask mask = new SlabMask(volume, code, settings.blockZ() + 2 * settings.halo());
		final List<BlockThickness.Block> plane = planeBlocks(width, height, settings.blockXY());
		final int slabs = (depth + settings.blockZ() - 1) / settings.blockZ();
		final int workers = Math.min(settings.threads(), plane.size());
		final double[] spacing = { hx, hy, hz };
		final ThicknessTally total = new ThicknessTally();
		long selected = 0;
		for (int s = 0; s < slabs; s++)
			for (final BlockThickness.Block p : plane)
				if (sampled(p, s, settings, sampleEvery)) selected++;
		try (BlockRunner runner = new BlockRunner(workers, () -> new BlockThickness(mask, width, height, depth,
			spacing, settings, cap), progress, Math.max(1, selected), "Local thickness of phase " + code))
		{
			for (int s = 0; s < slabs; s++) {
				progress.checkCancelled();
				final int z0 = s * settings.blockZ(), z1 = Math.min(depth, z0 + settings.blockZ());
				mask.advance(Math.max(0, z0 - settings.halo()), Math.min(depth, z1 + settings.halo()));
				final List<BlockThickness.Block> blocks = new ArrayList<>(plane.size());
				for (final BlockThickness.Block p : plane)
					if (sampled(p, s, settings, sampleEvery)) blocks.add(new BlockThickness.Block(p.x0(), p.x1(), p.y0(), p
						.y1(), z0, z1));
				runner.run(blocks);
			}
			runner.mergeInto(total);
		}
		return ThicknessDistribution.of(code, total, Math.min(hx, Math.min(hy, hz)), cap);
	}

	/** @return true if the block at {@code p} of slab {@code s} is one of those sampled: an even spread */
	private static boolean sampled(final BlockThickness.Block p, final int s, final ThicknessSettings settings,
		final int sampleEvery)
	{
		return (p.x0() / settings.blockXY() + 3 * (p.y0() / settings.blockXY()) + 5 * s) % sampleEvery == 0;
	}

	/**
	 * @return how many blocks to sample one of so that about {@code target}
	 *         voxels are measured: 1 (every block) for volumes up to that size
	 */
	public static int sampleEvery(final long voxels, final long target) {
		return (int) Math.max(1, Math.min(Integer.MAX_VALUE, (voxels + target - 1) / target));
	}

	/**
	 * @return the thickness at and above which voxels are counted as capped:
	 *         {@code (halo + 1)} times the smallest voxel side along an axis
	 *         split into more than one block; +Infinity when nothing is split
	 */
	public static double cap(final int width, final int height, final int depth, final double hx,
		final double hy, final double hz, final ThicknessSettings settings)
	{
		double h = Double.POSITIVE_INFINITY;
		if (width > settings.blockXY()) h = Math.min(h, hx);
		if (height > settings.blockXY()) h = Math.min(h, hy);
		if (depth > settings.blockZ()) h = Math.min(h, hz);
		return (settings.halo() + 1) * h;
	}

	/**
	 * @return the bytes of heap that {@link #measure} holds for a volume of
	 *         this size: the window of bit slices, one slice of int codes, and
	 *         per thread one float per voxel of a block with its halo and one
	 *         per voxel of a block
	 */
	public static long bytesNeeded(final int width, final int height, final int depth,
		final ThicknessSettings settings)
	{
		final int[] box = BlockThickness.boxSides(width, height, depth, settings);
		final long boxVoxels = (long) box[0] * box[1] * box[2];
		final long blockVoxels = (long) Math.min(width, settings.blockXY()) * Math.min(height, settings.blockXY()) *
			Math.min(depth, settings.blockZ());
		final long perThread = 4 * (boxVoxels + blockVoxels) + 48L * Math.max(box[0], Math.max(box[1], box[2])) +
			(1 << 16);
		final int blocksPerSlab = ceil(width, settings.blockXY()) * ceil(height, settings.blockXY());
		return SlabMask.bytesNeeded(width, height, Math.min(depth, settings.blockZ() + 2 * settings.halo())) +
			Math.min(settings.threads(), blocksPerSlab) * perThread;
	}

	private static int ceil(final int n, final int d) {
		return (n + d - 1) / d;
	}

	private static List<BlockThickness.Block> planeBlocks(final int width, final int height, final int side) {
		final List<BlockThickness.Block> blocks = new ArrayList<>();
		for (int y = 0; y < height; y += side)
			for (int x = 0; x < width; x += side)
				blocks.add(new BlockThickness.Block(x, Math.min(width, x + side), y, Math.min(height, y + side), 0, 0));
		return blocks;
	}
}
