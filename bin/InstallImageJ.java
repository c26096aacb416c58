import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Run by bin/install-imagej as a single-file Java program
 * ({@code java bin/InstallImageJ.java ...}), so that the installer does not
 * ship inside the plugin. Installs the plugin into an ImageJ 1.x or Fiji folder: the plugin jar into
 * plugins/ (replacing an older version) and the dependencies the host does not
 * already have: into plugins/jars/ for ImageJ, into jars/ for Fiji (which ships
 * ImageJ, SciJava, ImgLib2, Gson, JNA, SLF4J and its own logging).
 * <p>
 * Usage: {@code java bin/InstallImageJ.java PLUGIN.jar DEPENDENCY_FOLDER IMAGEJ_OR_FIJI_FOLDER}
 */
public final class InstallImageJ {

	private static final Pattern ARTIFACT = Pattern.compile("^(.+?)-\\d.*\\.jar$");
	/** Never copied: ImageJ itself, and logging bindings that would clash with Fiji's. */
	private static final Set<String> HOST_PROVIDED = Set.of("ij");
	private static final Set<String> NOT_FOR_FIJI = Set.of("slf4j-simple");

	private InstallImageJ() {}

	public static void main(final String[] args) {
		if (args.length != 3) {
			System.err.println("Usage: java bin/InstallImageJ.java PLUGIN.jar DEPENDENCY_FOLDER IMAGEJ_OR_FIJI_FOLDER");
			System.exit(2);
		}
		for (final Path p : install(Paths.get(args[0]), Paths.get(args[1]), Paths.get(args[2])))
			System.out.println("installed " + p);
	}

	/** @return the files written */
	public static List<Path> install(final Path pluginJar, final Path dependencies, final Path imagej) {
		if (!Files.isDirectory(imagej)) throw new IllegalArgumentException(imagej + " is not a folder");
		final boolean fiji = Files.isDirectory(imagej.resolve("jars")) && !matching(imagej.resolve("jars"),
			"imagej-legacy").isEmpty();
		try {
			final Path plugins = Files.createDirectories(imagej.resolve("plugins"));
			final Path libraries = Files.createDirectories(fiji ? imagej.resolve("jars") : plugins.resolve("jars"));
			final List<Path> written = new ArrayList<>();
			for (final Path old : matching(plugins, artifact(pluginJar)))
				Files.delete(old);
			written.add(Files.copy(pluginJar, plugins.resolve(pluginJar.getFileName()),
				StandardCopyOption.REPLACE_EXISTING));
			try (DirectoryStream<Path> deps = Files.newDirectoryStream(dependencies, "*.jar")) {
				for (final Path dep : deps) {
					final String name = artifact(dep);
					if (HOST_PROVIDED.contains(name) || fiji && NOT_FOR_FIJI.contains(name)) continue;
					if (fiji && !matching(libraries, name).isEmpty()) continue;
					for (final Path old : matching(libraries, name))
						Files.delete(old);
					written.add(Files.copy(dep, libraries.resolve(dep.getFileName()), StandardCopyOption.REPLACE_EXISTING));
				}
			}
			return written;
		}
		catch (final IOException e) {
			throw new UncheckedIOException("Could not install into " + imagej + ": " + e.getMessage(), e);
		}
	}

	/** @return the artifact name of a jar: its file name up to the version */
	static String artifact(final Path jar) {
		final Matcher m = ARTIFACT.matcher(jar.getFileName().toString());
		return m.matches() ? m.group(1) : jar.getFileName().toString().replaceFirst("\\.jar$", "");
	}

	private static List<Path> matching(final Path folder, final String artifact) {
		final List<Path> found = new ArrayList<>();
		if (!Files.isDirectory(folder)) return found;
		try (DirectoryStream<Path> jars = Files.newDirectoryStream(folder, "*.jar")) {
			for (final Path jar : jars)
				if (artifact(jar).equals(artifact)) found.add(jar);
		}
		catch (final IOException e) {
			throw new UncheckedIOException(e);
		}
		return found;
	}
}
