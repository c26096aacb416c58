package org.xrayseg.core.data;

/**
 * Separable Gaussian blur with mirrored borders, written with StrictMath so
 * that the synthetic test volume is the same on every machine.
 */
public final class Blur {

	private Blur() {}

	public static double[] gaussian2d(final double[] image, final int width, final int height, final double sigma) {
		return gaussian3d(image, width, height, 1, sigma);
	}

	/** Blurs a (z, y, x) row-major volume along every axis longer than one voxel. */
	static double[] gaussian3d(final double[] volume, final int width, final int height, final int depth,
		final double sigma)
	{
		final double[] kernel = kernel(sigma);
		double[] v = axis(volume, kernel, 1, width);
		v = axis(v, kernel, width, height);
		return depth > 1 ? axis(v, kernel, width * height, depth) : v;
	}

	private static double[] axis(final double[] in, final double[] kernel, final int stride, final int length)
	{
		final double[] out = new double[in.length];
		final int radius = kernel.length / 2;
		for (int start = 0; start < in.length; start++) {
			final int position = start / stride % length;
			final int origin = start - position * stride;
			double sum = 0;
			for (int k = -radius; k <= radius; k++)
				sum += kernel[k + radius] * in[origin + mirror(position + k, length) * stride];
			out[start] = sum;
		}
		return out;
	}

	private static int mirror(int i, final int n) {
		if (n == 1) return 0;
		final int period = 2 * (n - 1);
		i = Math.floorMod(i, period);
		return i < n ? i : period - i;
	}

	/**
	 * @return the normalised float Gaussian kernel of {@code 2 radius + 1} taps
	 *         that the training code blurs with (Math, not StrictMath: speed over
	 *         bit-equality across machines)
	 */
	public static float[] floatKernel(final double sigma, final int radius) {
		final float[] k = new float[2 * radius + 1];
		float sum = 0;
		for (int i = -radius; i <= radius; i++)
			sum += k[i + radius] = (float) Math.exp(-i * i / (2 * sigma * sigma));
		for (int i = 0; i < k.length; i++)
			k[i] /= sum;
		return k;
	}

	private static double[] kernel(final double sigma) {
		final int radius = (int) Math.ceil(3 * sigma);
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
}
