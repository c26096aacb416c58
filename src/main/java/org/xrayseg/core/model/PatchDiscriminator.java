package org.xrayseg.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;

import org.xrayseg.core.runtime.TorchScriptOps;

/**
 * The PatchGAN discriminator of Pix2Pix (Isola et al. 2017): judges every
 * overlapping 70x70 patch of an (image, class-probability map) pair as real
 * (reference labels) or fake (generator output). Three 4x4 convolutions of
 * stride 2 and two of stride 1, LeakyReLU(0.2); no normalisation, so that a
 * forward pass never changes its state (the generator step must leave it
 * untouched). The last convolution gives {@link NetworkSpec#CHANNEL_MULTIPLE}
 * judgements per patch and their mean is the patch's logit: a convolution with
 * one output channel is one whose input gradient PyTorch's CPU kernels can get
 * wrong, and the generator learns through that gradient.
 * <p>
 * Input (N, 1 + K, H, W) float32: the normalised image and K class
 * probabilities (one-hot for real pairs); output (N, 1, H/8 - 2, W/8 - 2)
 * float32 logits, one per patch.
 */
public final class PatchDiscriminator {

	/** The strides of the convolutions, in order; a LeakyReLU follows each but the last. */
	private static final int[] STRIDES = { 2, 2, 2, 1, 1 };
	private static final float LEAK = 0.2f;
	private static final int PADDING = 1;

	private PatchDiscriminator() {}

	/**
	 * @param filters feature maps of the first layer, doubled at each of the next
	 *          three; a multiple of {@link NetworkSpec#CHANNEL_MULTIPLE}
	 */
	public static Block build(final int filters) {
		final SequentialBlock d = new SequentialBlock();
		for (int i = 0; i < STRIDES.length; i++) {
			final boolean last = i == STRIDES.length - 1;
			d.add(Layers.conv4x4(last ? NetworkSpec.CHANNEL_MULTIPLE : filters << i, STRIDES[i], PADDING));
			if (!last) d.add(Activation.leakyReluBlock(LEAK));
		}
		d.add(new LambdaBlock(x -> new NDList(x.singletonOrThrow().mean(new int[] { 1 }, true)), "mean"));
		return d;
	}

	/**
	 * The forward pass of a discriminator {@link #build} made, in bfloat16 on
	 * bfloat16 copies of its float32 weights (mixed-precision training): the
	 * copies are made anew for every pass, and autograd records them, so their
	 * gradients reach the float32 weights where those learn.
	 *
	 * @param discriminator a block {@link #build} made, initialised
	 * @param input (N, 1 + K, H, W) bfloat16 pairs (channels-last for speed)
	 * @return (N, 1, H/8 - 2, W/8 - 2) float32 logits
	 */
	public static NDArray forwardMixed(final Block discriminator, final NDArray input) {
		NDArray x = input;
		final Shape one = new Shape(1, 1);
		int conv = 0;
		for (final Block b : discriminator.getChildren().values()) {
			if (!(b instanceof Conv2d)) continue;
			final NDArray w = TorchScriptOps.toBFloat16(b.getParameters().get("weight").getArray(), x.getManager());
			final NDArray bias = TorchScriptOps.toBFloat16(b.getParameters().get("bias").getArray(), x.getManager());
			x = Conv2d.conv2d(x, w, bias, new Shape(STRIDES[conv], STRIDES[conv]), new Shape(PADDING, PADDING), one, 1)
				.singletonOrThrow();
			if (++conv < STRIDES.length) x = Activation.leakyRelu(x, LEAK);
		}
		return TorchScriptOps.toFloat32(x.mean(new int[] { 1 }, true));
	}
}
