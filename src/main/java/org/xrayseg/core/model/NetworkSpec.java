package org.xrayseg.core.model;

import ai.djl.nn.Block;

import org.xrayseg.core.error.InvalidInputException;

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
 * @param contextSlices neighbouring slices on each side given with each slice as extra input channels
 *          (2.5D); 0 in models of earlier versions
 */
public record NetworkSpec(String type, int depth, int baseFilters, int classes, boolean batchNorm,
	int residualBlocks, double dropout, int contextSlices)
{

	public static final String UNET = "unet";
	public static final String PIX2PIX = "pix2pix";

	/**
	 * Every trained 3x3 or 4x4 convolution has a multiple of this many output
	 * channels. PyTorch 2.7.1's CPU convolutions (oneDNN 3.7.1) compute wrong,
	 * often NaN, input gradients for such convolutions when their output
	 * channels do not fill the processor's SIMD blocks (16 floats with AVX-512,
	 * 8 with AVX2); whether it happens depends on the processor, so widths are
	 * kept safe on every one.
	 */
	public static final int CHANNEL_MULTIPLE = 16;

	/** Why widths are multiples of {@link #CHANNEL_MULTIPLE}, for help texts and messages. */
	public static final String WIDTH_REASON =
		"other widths make PyTorch's CPU convolutions compute wrong gradients on some processors";

	/** @return a U-Net of the given size */
	public static NetworkSpec unet(final int depth, final int baseFilters, final int classes) {
		return new NetworkSpec(UNET, depth, baseFilters, classes, true, 0, 0, 0);
	}

	/** @return a Pix2Pix generator: a U-Net with residual blocks at the bottleneck and decoder dropout */
	public static NetworkSpec pix2pix(final int depth, final int baseFilters, final int classes,
		final int residualBlocks, final double dropout)
	{
		return new NetworkSpec(PIX2PIX, depth, baseFilters, classes, true, residualBlocks, dropout, 0);
	}

	/**
	 * @param key the key that sets {@code filters}, for the message
	 * @throws InvalidInputException unless {@code filters} is a positive multiple of {@link #CHANNEL_MULTIPLE}
	 */
	public static void requireSafeWidth(final String key, final int filters) {
		if (filters < CHANNEL_MULTIPLE || filters % CHANNEL_MULTIPLE != 0) throw new InvalidInputException(key +
			" must be a multiple of " + CHANNEL_MULTIPLE + " (16, 32, 48, ...), not " + filters + ": " + WIDTH_REASON);
	}

	/** @return true if this version can build networks of {@code type} */
	public static boolean isKnownType(final String type) {
		return UNET.equals(type) || PIX2PIX.equals(type);
	}

	/** @return the same network fed {@code k} neighbouring slices on each side */
	public NetworkSpec withContext(final int k) {
		return new NetworkSpec(type, depth, baseFilters, classes, batchNorm, residualBlocks, dropout, k);
	}

	/** @return input channels: the slice and its neighbours */
	public int inputChannels() {
		return 1 + 2 * contextSlices;
	}

	/** @return the side of every network input must be a multiple of this */
	public int sizeMultiple() {
		return 1 << depth;
	}

	/** @return a new, uninitialised network; input (N, C, H, W) with C = {@link #inputChannels()}, output (N, classes, H, W) logits */
	public Block build() {
		if (isKnownType(type)) return new UNetBlock(depth, baseFilters, classes, batchNorm, residualBlocks, dropout);
		throw new IllegalArgumentException("Unknown network type '" + type + "'");
	}

	/** @return e.g. "U-Net, depth 4, 32 filters, 3 classes" */
	public String describe() {
		return (UNET.equals(type) ? "U-Net" : "Pix2Pix generator") + ", depth " + depth + ", " + baseFilters +
			" filters, " + (residualBlocks > 0 ? residualBlocks + " residual blocks, " : "") + (contextSlices > 0 ?
			contextSlices + " context slices on each side, " : "") + classes + " classes";
	}
}
