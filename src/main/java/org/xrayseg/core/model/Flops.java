package org.xrayseg.core.model;

/**
 * Floating-point operations of a forward pass of the U-Net family, counted per
 * convolution as 2 * Cin * Cout * k^2 * H * W (multiply and add); pooling,
 * batch norm, ReLU and up-sampling are left out (a few percent). A training
 * step costs about three forward passes (forward, and backward for inputs and
 * weights): {@link #trainingStep}.
 */
public final class Flops {

	private Flops() {}

	/** @return operations of one forward pass of a network of this shape over one H x W input */
	public static double forward(final NetworkSpec spec, final int height, final int width) {
		double total = 0;
		int in = spec.inputChannels();
		for (int d = 0; d < spec.depth(); d++) {
			final int f = spec.baseFilters() << d;
			final double area = (double) (height >> d) * (width >> d);
			total += conv(in, f, 3, area) + conv(f, f, 3, area);
			in = f;
		}
		final int bottom = spec.baseFilters() << spec.depth();
		final double bottomArea = (double) (height >> spec.depth()) * (width >> spec.depth());
		total += conv(in, bottom, 3, bottomArea) + conv(bottom, bottom, 3, bottomArea);
		total += spec.residualBlocks() * 2 * conv(bottom, bottom, 3, bottomArea);
		int below = bottom;
		for (int d = spec.depth() - 1; d >= 0; d--) {
			final int f = spec.baseFilters() << d;
			final double area = (double) (height >> d) * (width >> d);
			total += conv(below, f, 1, area / 4) + conv(2 * f, f, 3, area) + conv(f, f, 3, area);
			below = f;
		}
		return total + conv(spec.baseFilters(), spec.classes(), 1, (double) height * width);
	}

	/** @return operations of one forward pass of the PatchGAN discriminator on (1 + classes) channels */
	public static double discriminator(final int filters, final int classes, final int side) {
		double total = 0;
		int in = 1 + classes;
		int s = side;
		for (int i = 0; i < 3; i++) {
			s /= 2;
			total += conv(in, filters << i, 4, (double) s * s);
			in = filters << i;
		}
		total += conv(in, filters * 8, 4, (double) (s - 1) * (s - 1));
		// the last convolution gives CHANNEL_MULTIPLE judgements per patch (averaged into one logit)
		return total + conv(filters * 8, NetworkSpec.CHANNEL_MULTIPLE, 4, (double) (s - 2) * (s - 2));
	}

	/**
	 * @param discriminatorFilters the PatchGAN's first filters for a Pix2Pix step, 0 for a U-Net step
	 * @return operations of one training step per sample (patch): three forward passes of the network, and
	 *         for Pix2Pix three discriminator passes (fake for the generator, real and fake for itself), each with its backward
	 */
	public static double trainingStep(final NetworkSpec spec, final int patch, final int discriminatorFilters) {
		final double network = 3 * forward(spec, patch, patch);
		return discriminatorFilters > 0 ? network + 3 * 3 * discriminator(discriminatorFilters, spec.classes(), patch)
			: network;
	}

	private static double conv(final int in, final int out, final int k, final double area) {
		return 2.0 * in * out * k * k * area;
	}
}
