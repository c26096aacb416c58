package org.xrayseg.core.micro.thickness;

import org.xrayseg.core.error.InvalidInputException;

/**
 * How {@link LocalThickness} splits a volume: blocks of {@code blockXY x
 * blockXY x blockZ} voxels, each computed from the block plus a halo of
 * {@code halo} voxels on every side, {@code threads} blocks at a time.
 * Thicknesses below {@code halo + 1} voxel sides are exact; larger ones are
 * counted as capped (see {@link LocalThickness}). A volume that fits in one
 * block is exact with no cap.
 *
 * @param blockXY the side of a block in x and y, in voxels
 * @param blockZ the depth of a block, in slices
 * @param halo the voxels read beyond each side of a block
 * @param threads blocks computed at once; each holds its own buffers
 */
public record ThicknessSettings(int blockXY, int blockZ, int halo, int threads) {

	/** Exact up to a thickness of 64 voxels (the cap is 65 voxel sides). */
	public static final int DEFAULT_HALO = 64;
	public static final int DEFAULT_BLOCK_XY = 256;
	public static final int DEFAULT_BLOCK_Z = 128;

	public ThicknessSettings {
		if (blockXY < 1 || blockZ < 1) throw new InvalidInputException("the thickness block must be at least 1 " +
			"voxel on each side, not " + blockXY + " x " + blockXY + " x " + blockZ);
		if (halo < 1) throw new InvalidInputException("the thickness halo must be at least 1 voxel, not " + halo);
		if (threads < 1) throw new InvalidInputException("threads must be at least 1, not " + threads);
	}

	/** @return the default blocks and halo, on up to 4 of the machine's cores */
	public static ThicknessSettings defaults() {
		return new ThicknessSettings(DEFAULT_BLOCK_XY, DEFAULT_BLOCK_Z, DEFAULT_HALO, Math.min(4, Runtime
			.getRuntime().availableProcessors()));
	}

	public ThicknessSettings withHalo(final int voxels) {
		return new ThicknessSettings(blockXY, blockZ, voxels, threads);
	}

	public ThicknessSettings withBlock(final int xy, final int z) {
		return new ThicknessSettings(xy, z, halo, threads);
	}

	public ThicknessSettings withThreads(final int count) {
		return new ThicknessSettings(blockXY, blockZ, halo, count);
	}
}
