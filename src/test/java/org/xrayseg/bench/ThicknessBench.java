package org.xrayseg.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.xrayseg.core.micro.thickness.LocalThickness;
import org.xrayseg.core.micro.thickness.ThicknessDistribution;
import org.xrayseg.core.micro.thickness.ThicknessSettings;
import org.xrayseg.core.micro.volume.LabelVolume;
import org.xrayseg.core.progress.ProgressListener;

/**
 * Time and heap of the local thickness of one phase of a W x H x D label
 * volume that is never held whole: random balls (code 128, diameters 6..60
 * voxels) and rods along x, y and z (code 255, diameters 4..20) in a matrix
 * (code 0), computed slice by slice on demand. Measures the balls with the
 * default settings. Peak heap is the sum of the heap pools' peaks (an upper
 * bound of the peak occupancy). Run it with -Xmx2g:
 * <p>
 * {@code BENCH_JAVA_OPTS=-Xmx2g bench/java.sh org.xrayseg.bench.ThicknessBench 2048 2048 600}
 * <p>
 * Usage: ThicknessBench [WIDTH HEIGHT DEPTH [THREADS]]
 */
public final class ThicknessBench {

	public static void main(final String[] args) {
		final int w = args.length > 0 ? Integer.parseInt(args[0]) : 1024;
		final int h = args.length > 1 ? Integer.parseInt(args[1]) : 1024;
		final int d = args.length > 2 ? Integer.parseInt(args[2]) : 64;
		ThicknessSettings settings = ThicknessSettings.defaults();
		if (args.length > 3) settings = settings.withThreads(Integer.parseInt(args[3]));
		final LabelVolume volume = new RandomShapes(w, h, d, 42);
		System.out.printf(Locale.ROOT, "local thickness of the balls of %d x %d x %d (%.2f G voxels), %s, " +
			"-Xmx%d MB; bytesNeeded %d MB%n", w, h, d, volume.voxels() / 1e9, settings, Runtime.getRuntime()
				.maxMemory() >> 20, LocalThickness.bytesNeeded(w, h, d, settings) >> 20);
		final long t0 = System.nanoTime();
		final ThicknessDistribution r = LocalThickness.measure(volume, 128, 1, 1, 1, settings,
			ProgressListener.NONE);
		final double seconds = (System.nanoTime() - t0) / 1e9;
		System.out.printf(Locale.ROOT, "  %.1f s (%.1f M voxels/s); peak heap %d MB; %d ball voxels, mean %.2f, " +
			"median %.2f, max %.2f, cap %.0f, capped %.4f%%%n", seconds, volume.voxels() / seconds / 1e6,
			peakHeap() >> 20, r.voxels(), r.mean(), r.median(), r.max(), r.cap(), 100 * r.cappedShare());
	}

	private static long peakHeap() {
		long sum = 0;
		for (final MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans())
			if (pool.getType() == MemoryType.HEAP) sum += pool.getPeakUsage().getUsed();
		return sum;
	}

	/** Balls and axis-aligned rods placed once (a few numbers each), drawn slice by slice. */
	private static final class RandomShapes implements LabelVolume {

		private final int width;
		private final int height;
		private final int depth;
		private final List<List<int[]>> ballsBySlice = new ArrayList<>();
		private final List<int[]> rods = new ArrayList<>();

		RandomShapes(final int width, final int height, final int depth, final long seed) {
			this.width = width;
			this.height = height;
			this.depth = depth;
			final Random random = new Random(seed);
			for (int z = 0; z < depth; z++)
				ballsBySlice.add(new ArrayList<>());
			final long balls = (long) width * height * depth / 200_000;
			for (long i = 0; i < balls; i++) {
				final int[] b = { random.nextInt(width), random.nextInt(height), random.nextInt(depth), 3 + random
					.nextInt(28) };
				for (int z = Math.max(0, b[2] - b[3]); z <= Math.min(depth - 1, b[2] + b[3]); z++)
					ballsBySlice.get(z).add(b);
			}
			final int perAxis = Math.max(1, (width + height) / 64);
			for (int i = 0; i < 3 * perAxis; i++)
				rods.add(new int[] { i % 3, random.nextInt(width), random.nextInt(height), random.nextInt(depth), 2 +
					random.nextInt(9) });
		}

		@Override
		public int width() {
			return width;
		}

		@Override
		public int height() {
			return height;
		}

		@Override
		public int depth() {
			return depth;
		}

		@Override
		public void read(final int z, final int[] codes) {
			Arrays.fill(codes, 0, width * height, 0);
			for (final int[] r : rods)
				drawRod(r, z, codes);
			for (final int[] b : ballsBySlice.get(z)) {
				final int r2 = b[3] * b[3] - (z - b[2]) * (z - b[2]);
				disc(b[0], b[1], r2, codes, 128);
			}
		}

		/** A rod along axis r[0] through (r[1], r[2], r[3]) of radius r[4]. */
		private void drawRod(final int[] r, final int z, final int[] codes) {
			final int rr = r[4] * r[4];
			if (r[0] == 2) disc(r[1], r[2], rr, codes, 255);
			else {
				final int dz2 = (z - r[3]) * (z - r[3]);
				if (dz2 > rr) return;
				final int half = (int) Math.floor(Math.sqrt(rr - dz2));
				for (int y = 0; y < height; y++)
					for (int x = 0; x < width; x++)
						if (r[0] == 0 ? Math.abs(y - r[2]) <= half : Math.abs(x - r[1]) <= half) codes[x + width * y] = 255;
			}
		}

		private void disc(final int cx, final int cy, final int r2, final int[] codes, final int code) {
			if (r2 < 0) return;
			final int r = (int) Math.floor(Math.sqrt(r2));
			for (int y = Math.max(0, cy - r); y <= Math.min(height - 1, cy + r); y++) {
				final int half = (int) Math.floor(Math.sqrt(r2 - (y - cy) * (y - cy)));
				for (int x = Math.max(0, cx - half); x <= Math.min(width - 1, cx + half); x++)
					codes[x + width * y] = code;
			}
		}
	}
}
