package org.xrayseg.core.train;

import java.util.SplittableRandom;

/**
 * Smooth random warps of training patches: a displacement of up to 1/12 of
 * the patch side at the nodes of a 5 x 5 grid, interpolated bilinearly in
 * between. Grey values are sampled bilinearly, labels at the nearest pixel.
 */
final class ElasticWarp {

	private static final int GRID = 5;

	private ElasticWarp() {}

	/** @return {dx, dy} for every pixel of a {@code patch} x {@code patch} patch, row-major */
	static float[][] field(final int patch, final SplittableRandom random) {
		final double amplitude = patch / 12.0;
		final float[][] nodes = new float[2][GRID * GRID];
		for (int d = 0; d < 2; d++)
			for (int i = 0; i < nodes[d].length; i++)
				nodes[d][i] = (float) ((random.nextDouble() * 2 - 1) * amplitude);
		final float[][] field = new float[2][patch * patch];
		for (int y = 0; y < patch; y++)
			for (int x = 0; x < patch; x++)
				for (int d = 0; d < 2; d++)
					field[d][y * patch + x] = bilinear(nodes[d], GRID, GRID, x * (GRID - 1f) / (patch - 1), y * (GRID -
						1f) / (patch - 1));
		return field;
	}

	/** @return the value of a row-major plane at (x, y), interpolated, edges clamped */
	static float bilinear(final float[] plane, final int width, final int height, final float x, final float y) {
		final float cx = Math.max(0, Math.min(width - 1, x));
		final float cy = Math.max(0, Math.min(height - 1, y));
		final int x0 = Math.min((int) cx, width - 2 < 0 ? 0 : width - 2);
		final int y0 = Math.min((int) cy, height - 2 < 0 ? 0 : height - 2);
		final int x1 = Math.min(x0 + 1, width - 1);
		final int y1 = Math.min(y0 + 1, height - 1);
		final float fx = cx - x0;
		final float fy = cy - y0;
		final float top = plane[y0 * width + x0] * (1 - fx) + plane[y0 * width + x1] * fx;
		final float bottom = plane[y1 * width + x0] * (1 - fx) + plane[y1 * width + x1] * fx;
		return top * (1 - fy) + bottom * fy;
	}
}
