package org.xrayseg.core.train;

/** Default settings shared by the commands, chosen to train well on 2 CPU cores. */
public final class Defaults {

	/** Tile side for inference; large tiles waste less compute on overlap. */
	public static final int TILE_SIZE = 512;
	/** Pixels shared by neighbouring tiles (half of it is blended). */
	public static final int OVERLAP = 32;
	/** Tile side for validation during training: most slices fit into one tile. */
	public static final int VALIDATION_TILE = 1024;
	/** Tiles per forward pass at inference. */
	public static final int TILE_BATCH = 2;

	private Defaults() {}
}
