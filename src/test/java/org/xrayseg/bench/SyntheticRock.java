package org.xrayseg.bench;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

import net.imglib2.img.array.ArrayImgs;

import org.xrayseg.core.filter.Edge;
import org.xrayseg.core.filter.Gaussian;
import org.xrayseg.core.io.TiffSliceSink;

/**
 * A family like a micro-CT slice of a sandstone, with two rare phases: grains
 * (label 1, about 76% of the pixels) of overlapping disks, pores (0) between
 * them, clay (2, about 1.4%) lining the grains in clumps and grey between pore
 * and grain, and small bright heavy-mineral particles (3, about 0.9%) inside
 * the grains. 16-bit, blurred (partial volume) and noisy. Every image is an
 * independent field.
 */
final class SyntheticRock {

	private static final double PORE = 12000;
	private static final double CLAY = 19000;
	private static final double GRAIN = 25000;
	private static final double HEAVY = 42000;

	private SyntheticRock() {}

	/** Writes {@code count} images and labels into {@code folder}/images and labels. */
	static void write(final Path folder, final int count, final int side, final long seed) {
		final Random random = new Random(seed);
		try (TiffSliceSink images = new TiffSliceSink(folder.resolve("images"), 16, true);
			TiffSliceSink labels = new TiffSliceSink(folder.resolve("labels"), 8, true))
		{
			for (int n = 0; n < count; n++) {
				final byte[] label = phases(side, random);
				final double[] grey = new double[side * side];
				for (int i = 0; i < grey.length; i++)
					grey[i] = switch (label[i]) {
						case 0 -> PORE;
						case 1 -> GRAIN;
						case 2 -> CLAY;
						default -> HEAVY;
					};
				final double[] blurred = Gaussian.blur(grey, side, side, 1.1, Edge.MIRROR);
				final short[] pixels = new short[side * side];
				for (int i = 0; i < pixels.length; i++)
					pixels[i] = (short) Math.max(0, Math.min(65535, Math.round(blurred[i] + 2200 * random
						.nextGaussian())));
				final String name = String.format(Locale.ROOT, "rock_%03d.tif", n + 1);
				images.write(ArrayImgs.unsignedShorts(pixels, side, side), name);
				labels.write(ArrayImgs.unsignedBytes(label, side, side), name);
			}
			images.commit();
			labels.commit();
		}
	}

	private static byte[] phases(final int side, final Random random) {
		final byte[] label = new byte[side * side];
		// grains: a fixed number of overlapping disks, which cover about three quarters of the field
		final int grains = side * side / 260;
		for (int g = 0; g < grains; g++)
			disk(label, side, random.nextDouble() * side, random.nextDouble() * side, 6 + random.nextDouble() * 10,
				(byte) 1, (byte) 0);
		// clay: pore pixels next to a grain, in clumps around a few seeds
		final int clumps = Math.max(1, side * side / 6000);
		final double[][] seeds = new double[clumps][];
		for (int c = 0; c < clumps; c++)
			seeds[c] = new double[] { random.nextDouble() * side, random.nextDouble() * side, 10 + random.nextDouble() *
				12 };
		final byte[] clay = label.clone();
		for (int y = 0; y < side; y++)
			for (int x = 0; x < side; x++) {
				if (label[y * side + x] != 0 || !nearGrain(label, side, x, y, 2)) continue;
				for (final double[] s : seeds)
					if (Math.hypot(x - s[0], y - s[1]) < s[2]) {
						clay[y * side + x] = 2;
						break;
					}
			}
		// heavy minerals: small particles inside grains
		final int particles = side * side / 2200;
		for (int p = 0; p < particles; p++)
			disk(clay, side, random.nextDouble() * side, random.nextDouble() * side, 1.5 + random.nextDouble() * 2.5,
				(byte) 3, (byte) 1);
		return clay;
	}

	/** Sets pixels of {@code from} within {@code r} of (cx, cy) to {@code to}. */
	private static void disk(final byte[] label, final int side, final double cx, final double cy, final double r,
		final byte to, final byte from)
	{
		for (int y = (int) Math.max(0, cy - r); y <= Math.min(side - 1, cy + r); y++)
			for (int x = (int) Math.max(0, cx - r); x <= Math.min(side - 1, cx + r); x++)
				if (label[y * side + x] == from && Math.hypot(x - cx, y - cy) <= r) label[y * side + x] = to;
	}

	private static boolean nearGrain(final byte[] label, final int side, final int x, final int y, final int d) {
		for (int v = Math.max(0, y - d); v <= Math.min(side - 1, y + d); v++)
			for (int u = Math.max(0, x - d); u <= Math.min(side - 1, x + d); u++)
				if (label[v * side + u] == 1) return true;
		return false;
	}
}
