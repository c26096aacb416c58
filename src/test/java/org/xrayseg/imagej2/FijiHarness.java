package org.xrayseg.imagej2;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.xrayseg.imagej1.ImageJBatch;

/**
 * Starts the plugin the way Fiji does. A Fiji.app folder is made whose
 * {@code jars/} holds the ImageJ2 + imagej-legacy runtime of
 * {@code ../shared/imagej2/jars} (what Fiji ships); {@code bin/InstallImageJ.java}
 * (what {@code bin/install-imagej} runs) then adds the plugin jar to
 * {@code plugins/} and only the libraries Fiji lacks to {@code jars/}, so that
 * where both have a library, Fiji's version is the one loaded. Each run is a
 * JVM on that class path started through {@link FijiLauncher} (imagej-legacy's
 * {@code LegacyInjector.preinit()}, then {@code SciJava.launch(args)}), with a
 * time limit.
 */
public final class FijiHarness {

	/** The ImageJ2 + imagej-legacy runtime; tests skip when it is absent. */
	public static final Path RUNTIME = Paths.get("..", "shared", "imagej2", "jars").toAbsolutePath().normalize();

	/** What a run printed and how it ended. */
	public record Run(int exitCode, String output) {}

	private final Path fiji;

	private FijiHarness(final Path fiji) {
		this.fiji = fiji;
	}

	/** @return true if the runtime is here */
	public static boolean available() {
		return Files.isDirectory(RUNTIME) && Files.isRegularFile(RUNTIME.resolve("imagej-legacy-2.0.4-SNAPSHOT.jar"));
	}

	/** Makes a Fiji.app in {@code folder} and installs the packaged plugin into it as a user would. */
	public static FijiHarness install(final Path folder) throws IOException, InterruptedException {
		bare(folder);
		final Path plugin = ImageJBatch.pluginJar();
		final Process p = new ProcessBuilder(java(), "bin/InstallImageJ.java", plugin.toString(), "target/deps", folder
			.toString()).redirectErrorStream(true).start();
		final String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (p.waitFor() != 0) throw new IllegalStateException("bin/InstallImageJ.java failed:\n" + log);
		return new FijiHarness(folder);
	}

	/** @return a Fiji.app in {@code folder} with the runtime only (no plugin yet) */
	public static FijiHarness bare(final Path folder) throws IOException {
		final Path jars = Files.createDirectories(folder.resolve("jars"));
		try (Stream<Path> runtime = Files.list(RUNTIME)) {
			for (final Path jar : (Iterable<Path>) runtime::iterator)
				Files.createSymbolicLink(jars.resolve(jar.getFileName()), jar);
		}
		return new FijiHarness(folder);
	}

	/** @return the updater's jar in the runtime, or null where the runtime has none */
	public static Path updater() throws IOException {
		try (Stream<Path> runtime = Files.list(RUNTIME)) {
			return runtime.filter(p -> p.getFileName().toString().startsWith("imagej-updater-")).findFirst().orElse(
				null);
		}
	}

	/**
	 * Runs Fiji's updater on the command line ({@code ImageJ --update ARGS}:
	 * its CommandLine class on Fiji's class path, {@code imagej.dir} this Fiji),
	 * e.g. {@code add-update-site NAME URL} or {@code update}.
	 */
	public Run update(final int seconds, final String... args) throws IOException, InterruptedException {
		final List<String> command = new ArrayList<>(List.of(java(), "-Dimagej.dir=" + fiji.toAbsolutePath(), "-cp",
			fiji.resolve("jars").toAbsolutePath() + "/*", "net.imagej.updater.CommandLine"));
		command.addAll(List.of(args));
		return start(command, seconds);
	}

	/**
	 * Moves what the updater staged in {@code update/} into place, as Fiji's
	 * launcher does at the next start (a staged file of length 0 removes its
	 * target).
	 */
	public void moveUpdatedIntoPlace() throws IOException {
		final Path staged = fiji.resolve("update");
		if (!Files.isDirectory(staged)) return;
		final List<Path> files;
		try (Stream<Path> walk = Files.walk(staged)) {
			files = walk.filter(Files::isRegularFile).toList();
		}
		for (final Path f : files) {
			final Path target = fiji.resolve(staged.relativize(f).toString());
			if (Files.size(f) == 0) {
				Files.deleteIfExists(target);
				Files.delete(f);
			}
			else {
				Files.createDirectories(target.getParent());
				Files.move(f, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
			}
		}
	}

	/** @return the libraries bin/InstallImageJ.java added to jars/ (Fiji lacked them) */
	public List<String> addedLibraries() throws IOException {
		try (Stream<Path> jars = Files.list(fiji.resolve("jars"))) {
			return jars.filter(p -> !Files.isSymbolicLink(p)).map(p -> p.getFileName().toString()).sorted().toList();
		}
	}

	/**
	 * Runs Fiji with {@code args} (e.g. {@code --headless --run "Segment" "..."})
	 * and waits at most {@code seconds}.
	 */
	public Run run(final int seconds, final String... args) throws IOException, InterruptedException {
		final List<String> command = new ArrayList<>(List.of(java(), "--add-opens=java.base/java.lang=ALL-UNNAMED",
			"--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.desktop/sun.awt=ALL-UNNAMED",
			"-Dai.djl.offline=true", "-Xmx3g", "-cp", classPath()));
		// Fiji's launcher starts the JVM headless when it is given --headless
		if (List.of(args).contains("--headless")) command.add("-Djava.awt.headless=true");
		command.add(FijiLauncher.class.getName());
		command.addAll(List.of(args));
		return start(command, seconds);
	}

	private Run start(final List<String> command, final int seconds) throws IOException, InterruptedException {
		final Path log = Files.createTempFile(fiji, "run", ".log");
		final Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
			p.destroyForcibly().waitFor();
			throw new AssertionError("Fiji did not finish within " + seconds + " s: " + String.join(" ", command) + "\n" +
				Files.readString(log));
		}
		return new Run(p.exitValue(), Files.readString(log).lines().filter(l -> !l.startsWith("SLF4J:")).reduce(
			"", (a, b) -> a + b + "\n"));
	}

	/** Fiji's class path: its jars/ (with those of this platform, jars/linux64/) and plugins/, and the launcher (test classes). */
	private String classPath() {
		return String.join(java.io.File.pathSeparator, Paths.get("target", "test-classes").toAbsolutePath().toString(),
			fiji.resolve("jars").toAbsolutePath() + "/*", fiji.resolve("jars/linux64").toAbsolutePath() + "/*", fiji
				.resolve("plugins").toAbsolutePath() + "/*");
	}

	private static String java() {
		return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
	}
}
