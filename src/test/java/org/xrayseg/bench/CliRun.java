package org.xrayseg.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import net.imglib2.img.Img;
import net.imglib2.type.numeric.integer.UnsignedShortType;

import org.xrayseg.core.infer.TuningCache;
import org.xrayseg.core.io.TiffSliceSink;

/**
 * "Segment" as a user runs it: {@code org.xrayseg.cli.Main segment} (what
 * bin/xrayseg runs) in a new JVM on a TIFF file, timed from outside (JVM
 * start included) and by its own "Segmented N slices ... in X s (the network Y
 * s)" line (model loading, reading, segmenting and writing; the forward passes).
 */
final class CliRun {

	private static final Pattern SEGMENTED = Pattern.compile(
		"Segmented (\\d+) slices into .* in ([0-9.]+) s \\(the network ([0-9.]+) s\\)");

	/**
	 * @param wall seconds from starting the JVM to its end @param own the command's own time @param network the
	 *          part of it the network ran
	 */
	record Times(double wall, double own, double network) {}

	private CliRun() {}

	/** @return a 16-bit TIFF stack of {@code copies} copies of {@code slice} in {@code dir} */
	static Path stack(final Path dir, final Img<UnsignedShortType> slice, final int copies) {
		final Path file = dir.resolve("slice-" + slice.dimension(0) + "-x" + copies + ".tif");
		try (TiffSliceSink sink = new TiffSliceSink(file, 16, true)) {
			for (int i = 0; i < copies; i++)
				sink.write(slice, null);
			sink.commit();
		}
		return file;
	}

	/** Runs {@code segment model=... input=... output=... overwrite=true} plus {@code keys}. */
	static Times segment(final Path model, final Path input, final String... keys) {
		final List<String> command = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java")
			.toString(), "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path")));
		final String cache = System.getProperty(TuningCache.FILE_PROPERTY);
		if (cache != null) command.add(1, "-D" + TuningCache.FILE_PROPERTY + "=" + cache);
		command.addAll(List.of("org.xrayseg.cli.Main", "segment", "model=" + model, "input=" + input, "output=" + input
			.resolveSibling("labels-" + input.getFileName()), "overwrite=true"));
		command.addAll(List.of(keys));
		try {
			final Path log = Files.createTempFile("xrayseg-cli", ".log");
			final long t0 = System.nanoTime();
			final Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
			final int code = p.waitFor();
			final double wall = (System.nanoTime() - t0) / 1e9;
			final String out = Files.readString(log, StandardCharsets.UTF_8);
			Files.delete(log);
			final Matcher m = SEGMENTED.matcher(out);
			if (code != 0 || !m.find()) throw new IllegalStateException("segment failed (" + code + "):\n" + out);
			return new Times(wall, Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3)));
		}
		catch (final IOException e) {
			throw new UncheckedIOException(e);
		}
		catch (final InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}
}
