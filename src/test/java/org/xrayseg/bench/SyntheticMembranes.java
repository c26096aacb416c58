package org.xrayseg.bench;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

import net.imglib2.img.array.ArrayImgs;

import org.xrayseg.core.filter.Edge;
import org.xrayseg.core.filter.Gaussian;
import org.xrayseg.core.io.TiffSliceSink;

/**
 * A family unlike the synthetic electrode: bright cells separated by thin dark
 * membranes (as in electron-microscopy slices of tissue), 8-bit, blurred and
 * noisy; labels 0 (cell) and 255 (membrane), the membranes about a fifth of
 * the pixels. Every image is an independent field of cells.
 */
final class SyntheticMembranes {

	private static final double CELL_AREA = 900;
	private static final double MEMBRANE_HALF_WIDTH = 1.6;

	private SyntheticMembranes() {}

	/** Writes {@code count} images and labels into {@code folder}/images and labels. */
	static void write(final Path folder, final int count, final int width, final int height, final long seed) {
		final Random random = new Random(seed);
		try (TiffSliceSink images = new TiffSliceSink(folder.resolve("images"), 8, true);
			TiffSliceSink labels = new TiffSliceSink(folder.resolve("labels"), 8, true))
		{
			for (int n = 0; n < count; n++) {
				final int cells = (int) (width * height / CELL_AREA);
				final double[] sx = new double[cells];
				final double[] sy = new double[cells];
				final double[] brightness = new double[cells];
				for (int c = 0; c < cells; c++) {
					sx[c] = random.nextDouble() * width;
					sy[c] = random.nextDouble() * height;
					brightness[c] = 150 + random.nextDouble() * 60;
				}
				final double[] grey = new double[width * height];
				final byte[] label = new byte[width * height];
				for (int y = 0; y < height; y++)
					for (int x = 0; x < width; x++) {
						double d1 = Double.MAX_VALUE;
						double d2 = Double.MAX_VALUE;
						int nearest = 0;
						for (int c = 0; c < cells; c++) {
							final double d = Math.hypot(x - sx[c], y - sy[c]);
							if (d < d1) {
								d2 = d1;
								d1 = d;
								nearest = c;
							}
							else if (d < d2) d2 = d;
						}
						// distance to the bisector of the two nearest seeds: half the difference of the distances
						final boolean membrane = (d2 - d1) / 2 < MEMBRANE_HALF_WIDTH;
						label[y * width + x] = (byte) (membrane ? 255 : 0);
						grey[y * width + x] = membrane ? 70 : brightness[nearest];
					}
				final double[] blurred = Gaussian.blur(grey, width, height, 1.0, Edge.MIRROR);
				final byte[] pixels = new byte[width * height];
				for (int i = 0; i < pixels.length; i++)
					pixels[i] = (byte) Math.max(0, Math.min(255, Math.round(blurred[i] + 18 * random.nextGaussian())));
				final String name = String.format(Locale.ROOT, "cells_%03d.tif", n + 1);
				images.write(ArrayImgs.unsignedBytes(pixels, width, height), name);
				labels.write(ArrayImgs.unsignedBytes(label, width, height), name);
			}
			images.commit();
			labels.commit();
		}
	}
}
