package org.xrayseg;

import java.util.Random;

/**
 * Strokes such as a person draws to annotate phases: a few 3-pixel-wide
 * wandering lines inside each phase, taken from complete labels. Phases get
 * the codes 1, 2, ... (class index + 1) and pixels no stroke covers the
 * value {@link #UNLABELLED}, as in a Labkit export.
 */
public final class Scribbles {

	public static final int UNLABELLED = 0;

	private Scribbles() {}

	/**
	 * @param classes the class of every pixel (0..K-1), row-major
	 * @param strokes strokes per phase
	 * @param length steps of each stroke (one pixel each)
	 * @return the annotations: class + 1 on the strokes, {@link #UNLABELLED} elsewhere
	 */
	public static byte[] draw(final byte[] classes, final int width, final int height, final int phases,
		final int strokes, final int length, final long seed)
	{
		final Random random = new Random(seed);
		final byte[] out = new byte[classes.length];
		for (int p = 0; p < phases; p++)
			for (int s = 0; s < strokes; s++) {
				int x;
				int y;
				int tries = 0;
				do {
					x = 1 + random.nextInt(width - 2);
					y = 1 + random.nextInt(height - 2);
				}
				while (!inside(classes, width, height, x, y, p) && ++tries < 100_000);
				if (tries >= 100_000) continue;
				double angle = random.nextDouble() * 2 * Math.PI;
				double fx = x;
				double fy = y;
				for (int step = 0; step < length; step++) {
					mark(out, width, x, y, p);
					boolean moved = false;
					for (int turn = 0; turn < 12 && !moved; turn++) {
						final double a = angle + (turn == 0 ? random.nextGaussian() * 0.3 : (turn % 2 == 0 ? 1 : -1) *
							turn * 0.5);
						final int nx = (int) Math.round(fx + Math.cos(a));
						final int ny = (int) Math.round(fy + Math.sin(a));
						if (inside(classes, width, height, nx, ny, p)) {
							angle = a;
							fx += Math.cos(a);
							fy += Math.sin(a);
							x = nx;
							y = ny;
							moved = true;
						}
					}
					if (!moved) break;
				}
			}
		return out;
	}

	/** @return the class (0, 1, 2) of every pixel of a {@link org.xrayseg.core.data.SyntheticVolume} label slice */
	public static byte[] classesOf(final byte[] syntheticLabels) {
		final byte[] out = new byte[syntheticLabels.length];
		for (int i = 0; i < out.length; i++) {
			final int code = syntheticLabels[i] & 0xff;
			out[i] = (byte) (code == 0 ? 0 : code == 128 ? 1 : 2);
		}
		return out;
	}

	/** @return complete labels in the codes of {@link #draw}: class + 1 everywhere */
	public static byte[] complete(final byte[] classes) {
		final byte[] out = new byte[classes.length];
		for (int i = 0; i < out.length; i++)
			out[i] = (byte) (classes[i] + 1);
		return out;
	}

	/** @return the share of annotated pixels */
	public static double annotatedShare(final byte[] annotations) {
		int n = 0;
		for (final byte b : annotations)
			if (b != UNLABELLED) n++;
		return n / (double) annotations.length;
	}

	/** @return whether the 3x3 block around (x, y) lies in the image and in phase p */
	private static boolean inside(final byte[] classes, final int w, final int h, final int x, final int y,
		final int p)
	{
		if (x < 1 || y < 1 || x >= w - 1 || y >= h - 1) return false;
		for (int dy = -1; dy <= 1; dy++)
			for (int dx = -1; dx <= 1; dx++)
				if (classes[(y + dy) * w + x + dx] != p) return false;
		return true;
	}

	private static void mark(final byte[] out, final int w, final int x, final int y, final int p) {
		for (int dy = -1; dy <= 1; dy++)
			for (int dx = -1; dx <= 1; dx++)
				out[(y + dy) * w + x + dx] = (byte) (p + 1);
	}
}
