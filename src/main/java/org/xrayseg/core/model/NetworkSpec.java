package org.xrayseg.core.model;

import ai.djl.nn.Block;

/**
 * The architecture of a segmentation network, as stored in a model file.
 *
 * @param type "unet" or "pix2pix" (the generator of a Pix2Pix model)
 * @param depth number of 2x2 down-sampling steps
 * @param baseFilters feature maps at full resolution, doubled per level
 * @param classes number of output classes
 * @param batchNorm batch normalisation after each convolution
 * @param residualBlocks residual blocks at the bottleneck (Pix2Pix generator)
 * @param dropout dropout rate in the decoder (Pix2Pix generator)
 */
public record NetworkSpec(String type, int depth, int baseFilters, int classes, boolean batchNorm,
	int residualBlocks, double dropout)
{

	public static final String UNET = "unet";
	public static final String PIX2PIX = "pix2pix";

	/** @return a U-Net of the given size */
	public static NetworkSpec unet(final int depth, final int baseFilters, final int classes) {
		return new NetworkSpec(UNET, depth, baseFilters, classes, true, 0, 0);
	}

	/** @return a Pix2Pix generator: a U-Net with residual blocks at the bottleneck and decoder dropout */
	public static NetworkSpec pix2pix(final int depth, final int baseFilters, final int classes,
		final int residualBlocks, final double dropout)
	{
		return new NetworkSpec(PIX2PIX, depth, baseFilters, classes, true, residualBlocks, dropout);
	}

	/** @return true if this version can build networks of {@code type} */
	public static boolean isKnownType(final String type) {
		return UNET.equals(type) || PIX2PIX.equals(type);
	}

	/** @return the side of every network input must be a multiple of this */
	public int sizeMultiple() {
		return 1 << depth;
	}

	/** @return a new, uninitialised network; input (N, 1, H, W), output (N, classes, H, W) logits */
	public Block build() {
		if (isKnownType(type)) return new UNetBlock(depth, baseFilters, classes, batchNorm, residualBlocks, dropout);
		throw new IllegalArgumentException("Unknown network type '" + type + "'");
	}

	/** @return e.g. "U-Net, depth 4, 32 filters, 3 classes" */
	public String describe() {
		return (UNET.equals(type) ? "U-Net" : "Pix2Pix generator") + ", depth " + depth + ", " + baseFilters +
			" filters, " + (residualBlocks > 0 ? residualBlocks + " residual blocks, " : "") + classes + " classes";
	}
}
