package org.xrayseg.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import net.imglib2.img.array.ArrayImgs;

import org.xrayseg.cli.Main;
import org.xrayseg.core.data.LabelCoding;
import org.xrayseg.core.io.TiffSliceSink;
import org.xrayseg.core.model.ModelFile;
import org.xrayseg.core.model.NetworkSpec;
import org.xrayseg.core.model.SegmentationModel;

/**
 * Memory of "Segment" from disk to disk: a 2048 x 2048 x N 16-bit stack is
 * written, then segmented by the command line in a JVM limited to 1 GB of heap
 * (-Xmx1g), for N = 20 and N = 200 (1.6 GB). Reports the peak resident memory
 * (heap and native, VmHWM) and the peak heap after garbage collection, per
 * pixel of one slice: they must not depend on N.
 * <p>
 * With {@code --bigtiff} first, the stacks pass 4 GB (N = 60 is 0.5 GB, N =
 * 600 is 5 GB: a BigTIFF) and the network is a shallow one (depth 1) whose
 * label codes need 16 bits, so that the labels of the large stack (5 GB) are a
 * BigTIFF too; the format of each file is reported.
 * <p>
 * Usage: MemoryBench [--bigtiff] FOLDER [N...]
 */
public final class MemoryBench {

	private static final int SIDE = 2048;
	private static final Pattern HEAP = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

	public static void main(final String[] arguments) throws Exception {
		final boolean bigTiff = arguments.length > 0 && arguments[0].equals("--bigtiff");
		final String[] args = bigTiff ? java.util.Arrays.copyOfRange(arguments, 1, arguments.length) : arguments;
		final Path dir = Files.createDirectories(Paths.get(args[0]));
		final Path model = dir.resolve(bigTiff ? "shallow-16bit.xrsm" : "unet.xrsm");
		try (SegmentationModel m = bigTiff ? BenchModels.model(NetworkSpec.unet(1, 16, 3), new LabelCoding(0, 1000,
			2000)) : BenchModels.model(BenchModels.UNET))
		{
			ModelFile.save(m, model, true);
		}
		final int[] counts = args.length > 1 ? java.util.Arrays.stream(args, 1, args.length).mapToInt(
			Integer::parseInt).toArray() : bigTiff ? new int[] { 60, 600 } : new int[] { 20, 200 };
		System.out.printf(Locale.ROOT, "segment, disk to disk, %dx%d 16-bit slices, java -Xmx1g%n", SIDE, SIDE);
		for (final int n : counts) {
			final Path volume = dir.resolve("volume-" + n + ".tif");
			if (!Files.exists(volume)) writeVolume(volume, n);
			final Path gcLog = dir.resolve("gc-" + n + ".log");
			final Path labels = dir.resolve("labels-" + n + ".tif");
			final long t0 = System.nanoTime();
			final Process p = new ProcessBuilder(List.of(Paths.get(System.getProperty("java.home"), "bin", "java")
				.toString(), "-Xmx1g", "-Xlog:gc:file=" + gcLog, "-Dai.djl.offline=true", "-cp", System.getProperty(
					"java.class.path"), Main.class.getName(), "segment", "model=" + model, "input=" + volume, "output=" +
						labels, "device=cpu", "overwrite=true")).inheritIO().start();
			long peakKb = 0;
			while (p.isAlive()) {
				peakKb = Math.max(peakKb, status(p.pid(), "VmHWM:"));
				Thread.sleep(500);
			}
			final double seconds = (System.nanoTime() - t0) / 1e9;
			final long heapMb = peakHeapAfterGc(gcLog);
			final double gb = (double) SIDE * SIDE * n * 2 / 1e9;
			System.out.printf(Locale.ROOT,
				"  N=%d (%.2f GB, %s): exit %d in %.0f s (%.2f s/slice); peak resident %d MB = %.0f bytes per slice" +
					" pixel; peak heap after GC %d MB; labels %.2f GB, %s%n", n, gb, format(volume), p.exitValue(), seconds,
				seconds / n, peakKb / 1024, peakKb * 1024.0 / SIDE / SIDE, heapMb, Files.size(labels) / 1e9, format(
					labels));
			Files.deleteIfExists(labels);
		}
	}

	/** @return "BigTIFF" or "classic TIFF", from the file's header */
	private static String format(final Path tiff) throws IOException {
		try (java.io.InputStream in = Files.newInputStream(tiff)) {
			final byte[] header = in.readNBytes(4);
			final int version = header[0] == 'I' ? header[2] & 0xff : header[3] & 0xff;
			return version == 43 ? "BigTIFF" : "classic TIFF";
		}
	}

	/** Writes a stack of smooth random 16-bit slices, one slice in memory at a time. */
	private static void writeVolume(final Path file, final int n) {
		final Random random = new Random(n);
		try (TiffSliceSink sink = new TiffSliceSink(file, 16, true)) {
			for (int z = 0; z < n; z++) {
				final short[] s = new short[SIDE * SIDE];
				final double fx = 0.02 + random.nextDouble() * 0.02;
				final double fy = 0.02 + random.nextDouble() * 0.02;
				for (int y = 0; y < SIDE; y++)
					for (int x = 0; x < SIDE; x++)
						s[y * SIDE + x] = (short) (30000 + 20000 * Math.sin(x * fx) * Math.cos(y * fy) + random.nextGaussian() *
							2000);
				sink.write(ArrayImgs.unsignedShorts(s, SIDE, SIDE), null);
			}
			sink.commit();
		}
	}

	static long status(final long pid, final String key) {
		try {
			for (final String line : Files.readAllLines(Paths.get("/proc/" + pid + "/status")))
				if (line.startsWith(key)) return Long.parseLong(line.replaceAll("\\D", ""));
		}
		catch (final IOException | NumberFormatException e) {
			// the process ended between the check and the read
		}
		return 0;
	}

	/** @return the largest heap occupancy after a collection in a -Xlog:gc log, in MB */
	static long peakHeapAfterGc(final Path log) throws IOException {
		long peak = 0;
		for (final String line : Files.readAllLines(log)) {
			final Matcher m = HEAP.matcher(line);
			if (m.find()) peak = Math.max(peak, Long.parseLong(m.group(2)));
		}
		return peak;
	}
}
