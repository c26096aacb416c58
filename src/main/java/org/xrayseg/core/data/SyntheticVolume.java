package org.xrayseg.core.data;

import java.nio.file.Path;
import java.util.Random;

import net.imglib2.img.array.ArrayImgs;

import org.xrayseg.core.filter.Edge;
import org.xrayseg.core.filter.Gaussian;
import org.xrayseg.core.io.TiffSliceSink;

/**
 * A small three-phase volume that looks like a porous electrode in X-ray CT,
 * with its exact labels, made reproducibly from a seed. Pores are where one
 * smooth 3D random field is low; the solid splits into two phases where a
 * second field is high or low. Grey values per phase, blurred by the
 * instrument's point spread and with Gaussian noise, stored as 16-bit;
 * labels are coded 0 / 128 / 255.
 */
public final class SyntheticVolume {

	/** Label code of each phase: pore, bright solid ("nickel"), grey solid ("YSZ"). */
	public static final int[] CODES = { 0, 128, 255 };
	private static final double[] MEANS = { 12000, 38000, 25000 };
	private static final double FEATURE_SIGMA = 3.5;
	private static final double BLUR_SIGMA = 1.0;
	private static final double NOISE_SIGMA = 2500;

	/** A generated volume: slice-major arrays, row-major within a slice. */
	public record Volume(short[][] images, byte[][] labels, int width, int height) {

		public int slices() {
			return images.length;
		}
	}

	private SyntheticVolume() {}

	public static Volume generate(final int slices, final int width, final int height, final long seed) {
		final Random random = new Random(seed);
		final double[] pore = smoothField(slices, width, height, random);
		final double[] solid = smoothField(slices, width, height, random);
		final double poreLevel = quantile(pore, 1.0 / 3);
		final double solidLevel = quantile(solid, 0.5);
		final int area = width * height;
		final short[][] images = new short[slices][];
		final byte[][] labels = new byte[slices][];
		for (int z = 0; z < slices; z++) {
			final double[] grey = new double[area];
			labels[z] = new byte[area];
			for (int i = 0; i < area; i++) {
				final int k = z * area + i;
				final int phase = pore[k] < poreLevel ? 0 : solid[k] > solidLevel ? 1 : 2;
				labels[z][i] = (byte) CODES[phase];
				grey[i] = MEANS[phase];
			}
			final double[] blurred = Gaussian.blur(grey, width, height, BLUR_SIGMA, Edge.MIRROR);
			images[z] = new short[area];
			for (int i = 0; i < area; i++) {
				final double v = blurred[i] + NOISE_SIGMA * random.nextGaussian();
				images[z][i] = (short) Math.max(0, Math.min(65535, Math.round(v)));
			}
		}
		return new Volume(images, labels, width, height);
	}

	/** Writes slices {@code from}..{@code to} (0-based, exclusive end) as folders images/ and labels/ of TIFFs. */
	public static void write(final Volume v, final int from, final int to, final Path folder,
		final boolean overwrite)
	{
		try (TiffSliceSink images = new TiffSliceSink(folder.resolve("images"), 16, overwrite);
			TiffSliceSink labels = new TiffSliceSink(folder.resolve("labels"), 8, overwrite))
		{
			for (int z = from; z < to; z++) {
				final String name = String.format("slice_%03d.tif", z + 1);
				images.write(ArrayImgs.unsignedShorts(v.images()[z], v.width(), v.height()), name);
				labels.write(ArrayImgs.unsignedBytes(v.labels()[z], v.width(), v.height()), name);
			}
			images.commit();
			labels.commit();
		}
	}

	private static double[] smoothField(final int slices, final int width, final int height, final Random random) {
		final double[] field = new double[slices * width * height];
		for (int i = 0; i < field.length; i++)
			field[i] = random.nextGaussian();
		return Gaussian.blur(field, width, height, slices, FEATURE_SIGMA, Edge.MIRROR);
	}

	private static double quantile(final double[] values, final double q) {
		final double[] sorted = values.clone();
		java.util.Arrays.sort(sorted);
		return sorted[(int) Math.round(q * (sorted.length - 1))];
	}
}
