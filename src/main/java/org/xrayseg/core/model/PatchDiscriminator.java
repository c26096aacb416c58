package org.xrayseg.core.model;

import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;

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

	private PatchDiscriminator() {}

	/**
	 * @param filters feature maps of the first layer, doubled at each of the next
	 *          three; a multiple of {@link NetworkSpec#CHANNEL_MULTIPLE}
	 */
	public static Block build(final int filters) {
		final SequentialBlock d = new SequentialBlock();
		d.add(Layers.conv4x4(filters, 2)).add(Activation.leakyReluBlock(0.2f));
		d.add(Layers.conv4x4(filters * 2, 2)).add(Activation.leakyReluBlock(0.2f));
		d.add(Layers.conv4x4(filters * 4, 2)).add(Activation.leakyReluBlock(0.2f));
		d.add(Layers.conv4x4(filters * 8, 1)).add(Activation.leakyReluBlock(0.2f));
		d.add(Layers.conv4x4(NetworkSpec.CHANNEL_MULTIPLE, 1));
		d.add(new LambdaBlock(x -> new NDList(x.singletonOrThrow().mean(new int[] { 1 }, true)), "mean"));
		return d;
	}
}
