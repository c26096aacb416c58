package org.xrayseg.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import net.imglib2.img.array.ArrayImgs;

import org.xrayseg.cli.Main;
import org.xrayseg.core.io.TiffSliceSink;

/**
 * Memory and time of "Analyze Microstructure" on a large label stack: writes a
 * SIDE x SIDE x N stack of three phases (smooth 3D random structure, 8-bit
 * codes 0/128/255, one slice in memory at a time), then analyses it with the
 * command line in a JVM limited to 2 GB of heap, everything but the
 * tortuosity. Reports the time, the peak resident memory and the peak heap
 * after garbage collection.
 * <p>
 * Usage: MicrostructureBench FOLDER [SIDE N [KEY=VALUE...]] (default 2048 600)
 */
public final class MicrostructureBench {

	public static void main(final String[] args) throws Exception {
		final Path dir = Files.createDirectories(Paths.get(args[0]));
		final int side = args.length > 1 ? Integer.parseInt(args[1]) : 2048;
		final int n = args.length > 2 ? Integer.parseInt(args[2]) : 600;
		final Path volume = dir.resolve("labels-" + side + "x" + n + ".tif");
		if (!Files.exists(volume)) write(volume, side, n);
		final Path gcLog = dir.resolve("gc-microstructure.log");
		final Path table = dir.resolve("microstructure.csv");
		final List<String> command = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java")
			.toString(), "-Xmx2g", "-Xlog:gc:file=" + gcLog, "-cp", System.getProperty("java.class.path"), Main.class
				.getName(), "microstructure", "labels=" + volume, "tortuosity=false", "table=" + table, "plot=" + dir
					.resolve("sizes.png"), "class_names=pore,nickel,YSZ", "overwrite=true"));
		for (int i = 3; i < args.length; i++)
			command.add(args[i]);
		final long t0 = System.nanoTime();
		final Process p = new ProcessBuilder(command).inheritIO().start();
		long peakKb = 0;
		while (p.isAlive()) {
			peakKb = Math.max(peakKb, MemoryBench.status(p.pid(), "VmHWM:"));
			Thread.sleep(500);
		}
		final double seconds = (System.nanoTime() - t0) / 1e9;
		System.out.printf(Locale.ROOT, "microstructure of %d x %d x %d labels (%.2f GB, 8-bit), java -Xmx2g, " +
			"tortuosity=false: exit %d in %.0f s (%.1f ns per voxel); peak resident %d MB; peak heap after GC %d MB%n",
			side, side, n, (double) side * side * n / 1e9, p.exitValue(), seconds, seconds * 1e9 / side / side / n,
			peakKb / 1024, MemoryBench.peakHeapAfterGc(gcLog));
	}

	/** Three phases that all meet (pores from one smooth 3D random field, the two solids from another), one slice at a time. */
	static void write(final Path file, final int side, final int n) {
		final ValueNoise pores = new ValueNoise(side, n, 24, 7), solids = new ValueNoise(side, n, 16, 8);
		try (TiffSliceSink sink = new TiffSliceSink(file, 8, true)) {
			final byte[] codes = new byte[side * side];
			for (int z = 0; z < n; z++) {
				for (int y = 0; y < side; y++)
					for (int x = 0; x < side; x++) {
						codes[x + side * y] = (byte) (pores.at(x, y, z) < 0.47 ? 0 : solids.at(x, y, z) < 0.5 ? 128 : 255);
					}
				sink.write(ArrayImgs.unsignedBytes(codes, side, side), null);
			}
			sink.commit();
		}
	}

	/** Random values on a lattice of spacing {@code cell}, interpolated trilinearly (smooth, in [0, 1]). */
	static final class ValueNoise {

		private final int cell, nx, ny;
		private final float[] lattice;

		ValueNoise(final int side, final int depth, final int cell, final long seed) {
			this.cell = cell;
			this.nx = side / cell + 2;
			this.ny = side / cell + 2;
			final int nz = depth / cell + 2;
			final Random r = new Random(seed);
			lattice = new float[nx * ny * nz];
			for (int i = 0; i < lattice.length; i++)
				lattice[i] = r.nextFloat();
		}

		double at(final int x, final int y, final int z) {
			final double fx = x / (double) cell, fy = y / (double) cell, fz = z / (double) cell;
			final int ix = (int) fx, iy = (int) fy, iz = (int) fz;
			final double tx = smooth(fx - ix), ty = smooth(fy - iy), tz = smooth(fz - iz);
			double v = 0;
			for (int c = 0; c < 8; c++) {
				final int dx = c & 1, dy = c >> 1 & 1, dz = c >> 2;
				v += lattice[ix + dx + nx * (iy + dy + ny * (iz + dz))] * (dx == 1 ? tx : 1 - tx) * (dy == 1 ? ty : 1 - ty) *
					(dz == 1 ? tz : 1 - tz);
			}
			return v;
		}

		private static double smooth(final double t) {
			return t * t * (3 - 2 * t);
		}
	}
}
