package org.xrayseg.core.filter;

/**
 * The Gaussian blur of the plugin, one kernel for every use: the synthetic
 * volume, the blur of intensity augmentation, the image-formation fit and the
 * point-spread estimate. The kernel reaches {@link #radius} = ceil(3 sigma)
 * pixels each side (99.7% of the Gaussian's weight) and is computed with
 * StrictMath, so that it is the same on every machine; what lies beyond an
 * image's border is the caller's choice ({@link Edge}).
 */
public final class Gaussian {

	/** How many standard deviations the kernel reaches. */
	private static final double REACH = 3;

	private Gaussian() {}

	/** @return the taps of the kernel on each side of its centre: ceil(3 sigma), 0 for no blur */
	public static int radius(final double sigma) {
		return sigma > 0 ? (int) Math.ceil(REACH * sigma) : 0;
	}

	/** @return the normalised kernel of {@code 2 radius(sigma) + 1} taps ({1} for {@code sigma <= 0}) */
	public static double[] kernel(final double sigma) {
		final int radius = radius(sigma);
		if (radius == 0) return new double[] { 1 };
		final double[] k = new double[2 * radius + 1];
		double sum = 0;
		for (int i = -radius; i <= radius; i++) {
			k[i + radius] = StrictMath.exp(-0.5 * i * i / (sigma * sigma));
			sum += k[i + radius];
		}
		for (int i = 0; i < k.length; i++)
			k[i] /= sum;
		return k;
	}

	/** @return {@link #kernel} in float */
	public static float[] floatKernel(final double sigma) {
		final double[] k = kernel(sigma);
		final float[] f = new float[k.length];
		for (int i = 0; i < k.length; i++)
			f[i] = (float) k[i];
		return f;
	}

	/** @return a (y, x) row-major image blurred, in double */
	public static double[] blur(final double[] image, final int width, final int height, final double sigma,
		final Edge edge)
	{
		return blur(image, width, height, 1, sigma, edge);
	}

	/** @return a (z, y, x) row-major volume blurred along every axis longer than one voxel, in double */
	public static double[] blur(final double[] volume, final int width, final int height, final int depth,
		final double sigma, final Edge edge)
	{
		final double[] kernel = kernel(sigma);
		double[] v = axis(volume, kernel, 1, width, edge);
		v = axis(v, kernel, width, height, edge);
		return depth > 1 ? axis(v, kernel, width * height, depth, edge) : v;
	}

	private static double[] axis(final double[] in, final double[] kernel, final int stride, final int length,
		final Edge edge)
	{
		final double[] out = new double[in.length];
		final int radius = kernel.length / 2;
		for (int start = 0; start < in.length; start++) {
			final int position = start / stride % length;
			final int origin = start - position * stride;
			double sum = 0;
			for (int k = -radius; k <= radius; k++)
				sum += kernel[k + radius] * in[origin + edge.index(position + k, length) * stride];
			out[start] = sum;
		}
		return out;
	}

	/**
	 * Blurs one (y, x) row-major plane of {@code width} x {@code height}
	 * float values from {@code offset} of {@code v}, in place.
	 */
	public static void blurPlane(final float[] v, final int offset, final int width, final int height,
		final double sigma, final Edge edge)
	{
		final float[] kernel = floatKernel(sigma);
		final int radius = kernel.length / 2;
		final float[] rows = new float[width * height];
		for (int y = 0; y < height; y++)
			for (int x = 0; x < width; x++) {
				float s = 0;
				for (int k = -radius; k <= radius; k++)
					s += kernel[k + radius] * v[offset + y * width + edge.index(x + k, width)];
				rows[y * width + x] = s;
			}
		for (int y = 0; y < height; y++)
			for (int x = 0; x < width; x++) {
				float s = 0;
				for (int k = -radius; k <= radius; k++)
					s += kernel[k + radius] * rows[edge.index(y + k, height) * width + x];
				v[offset + y * width + x] = s;
			}
	}
}
