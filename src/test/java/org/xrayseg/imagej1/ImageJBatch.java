package org.xrayseg.imagej1;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs a macro in real ImageJ 1.54p in batch mode ({@code ImageJ -ijpath FOLDER -batch MACRO ARGUMENT}),
 * in its own JVM, with a time limit; the ImageJ folder's plugins are found as ImageJ finds them. ImageJ
 * exits with 0 even where the macro failed, so callers check the log and the files.
 */
public final class ImageJBatch {

	private ImageJBatch() {}

	/** @return the packaged plugin in target/ ({@code mvn package} makes it) */
	public static Path pluginJar() throws IOException {
		try (Stream<Path> target = Files.list(Paths.get("target"))) {
			return target.filter(p -> p.getFileName().toString().matches("XRay_Segmentation-[^-]*(-SNAPSHOT)?\\.jar"))
				.findFirst().orElseThrow(() -> new IllegalStateException("run mvn package first: no plugin jar in target/"));
		}
	}

	/**
	 * @param imagej the ImageJ folder ({@code -ijpath})
	 * @param classPath what the JVM gets on its class path besides ImageJ (e.g. a Fiji's {@code jars/*}), or none
	 * @param log where the output goes
	 * @return what ImageJ printed
	 */
	public static String run(final Path imagej, final List<String> classPath, final Path macro, final String argument,
		final Path log, final long seconds) throws Exception
	{
		final String ij = new File(ij.IJ.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getPath();
		final List<String> command = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java")
			.toString(), "-Xmx3g", "-Dai.djl.offline=true"));
		if (classPath.isEmpty()) command.addAll(List.of("-jar", ij));
		else {
			final List<String> path = new ArrayList<>(List.of(ij));
			path.addAll(classPath);
			command.addAll(List.of("-cp", String.join(File.pathSeparator, path), "ij.ImageJ"));
		}
		command.addAll(List.of("-ijpath", imagej.toString(), "-batch", macro.toAbsolutePath().toString(), argument));
		final Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
			p.destroyForcibly().waitFor();
			throw new AssertionError(macro + " did not finish within " + seconds + " s:\n" + Files.readString(log));
		}
		return Files.readString(log, StandardCharsets.UTF_8);
	}
}
