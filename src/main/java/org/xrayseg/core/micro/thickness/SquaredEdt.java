package org.xrayseg.core.micro.thickness;

/**
 * Exact squared Euclidean distance transform of a box of voxels with
 * anisotropic spacing (Felzenszwalb and Huttenlocher 2012): one pass per axis,
 * each the lower envelope of parabolas along every line. The box is
 * {@code values[x + nx * (y + ny * z)]}; on entry a value is 0 at a site (a
 * voxel distances are measured to) and {@link #FAR} elsewhere; on return it is
 * the squared physical distance to the nearest site, or {@link #FAR} where the
 * box has no site. Nothing outside the box is a site.
 * <p>
 * Squared distances are summed in double and stored as float; with integer
 * spacings every value below 2^24 is exact.
 */
final class SquaredEdt {

	/** The value of a voxel with no site in reach. */
	static final float FAR = Float.POSITIVE_INFINITY;

	private final double[] line;
	private final double[] out;
	private final int[] sites;
	private final double[] bounds;

	/** @param longest the longest side of the boxes this instance will transform */
	SquaredEdt(final int longest) {
		line = new double[longest];
		out = new double[longest];
		sites = new int[longest];
		bounds = new double[longest + 1];
	}

	/** Transforms the box in place (see the class comment). */
	void transform(final float[] values, final int nx, final int ny, final int nz, final double hx,
		final double hy, final double hz)
	{
		final long plane = (long) nx * ny;
		for (int z = 0; z < nz; z++)
			for (int y = 0; y < ny; y++)
				pass(values, nx * (y + (long) ny * z), 1, nx, hx);
		for (int z = 0; z < nz; z++)
			for (int x = 0; x < nx; x++)
				pass(values, x + plane * z, nx, ny, hy);
		for (int y = 0; y < ny; y++)
			for (int x = 0; x < nx; x++)
				pass(values, x + (long) nx * y, plane, nz, hz);
	}

	/** One line of n values from {@code start}, {@code stride} apart, spacing h. */
	private void pass(final float[] values, final long start, final long stride, final int n, final double h) {
		for (int i = 0; i < n; i++)
			line[i] = values[(int) (start + stride * i)];
		if (!envelope(n, h)) return;
		for (int i = 0; i < n; i++)
			values[(int) (start + stride * i)] = (float) out[i];
	}

	/**
	 * Lower envelope of the parabolas {@code line[q] + ((i - q) h)^2} over the
	 * finite {@code line[q]}, written to {@code out}.
	 *
	 * @return false when the line has no finite value (it stays FAR)
	 */
	private boolean envelope(final int n, final double h) {
		final double h2 = h * h;
		int k = -1;
		for (int q = 0; q < n; q++) {
			if (line[q] == Double.POSITIVE_INFINITY) continue;
			double s = Double.NEGATIVE_INFINITY;
			while (k >= 0) {
				final int v = sites[k];
				s = ((line[q] + h2 * q * q) - (line[v] + h2 * v * v)) / (2 * h2 * (q - v));
				if (s > bounds[k]) break;
				k--;
			}
			k++;
			sites[k] = q;
			bounds[k] = k == 0 ? Double.NEGATIVE_INFINITY : s;
			bounds[k + 1] = Double.POSITIVE_INFINITY;
		}
		if (k < 0) return false;
		int j = 0;
		for (int i = 0; i < n; i++) {
			while (bounds[j + 1] < i) j++;
			final int v = sites[j];
			final double d = (double) (i - v) * (i - v) * h2;
			out[i] = d + line[v];
		}
		return true;
	}
}
