import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Run by bin/install-imagej as a single-file Java program
 * ({@code java bin/InstallImageJ.java ...}), so that the installer does not
 * ship inside the plugin. Installs the plugin into an ImageJ 1.x or Fiji folder: the plugin jar into
 * plugins/ (replacing an older version) and the dependencies the host does not
 * already have: into plugins/jars/ for ImageJ (all but ImageJ itself), into
 * jars/ for Fiji (all but those every Fiji has: the list fiji-provided.txt in
 * the plugin jar, which the update site leaves out too, and any other library
 * the Fiji folder already holds).
 * <p>
 * Usage: {@code java bin/InstallImageJ.java PLUGIN.jar DEPENDENCY_FOLDER IMAGEJ_OR_FIJI_FOLDER}
 */
public final class InstallImageJ {

	private static final Pattern ARTIFACT = Pattern.compile("^(.+?)-\\d.*\\.jar$");
	/** Never copied: ImageJ itself. */
	private static final Set<String> HOST_PROVIDED = Set.of("ij");
	private static final String FIJI_PROVIDED = "org/xrayseg/updatesite/fiji-provided.txt";

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
			final Set<String> notForFiji = fiji ? fijiProvided(pluginJar) : Set.of();
			for (final Path old : matching(plugins, artifact(pluginJar)))
				Files.delete(old);
			written.add(Files.copy(pluginJar, plugins.resolve(pluginJar.getFileName()),
				StandardCopyOption.REPLACE_EXISTING));
			try (DirectoryStream<Path> deps = Files.newDirectoryStream(dependencies, "*.jar")) {
				for (final Path dep : deps) {
					final String name = artifact(dep);
					if (HOST_PROVIDED.contains(name) || notForFiji.contains(name)) continue;
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

	/** @return the artifacts every Fiji has, as the plugin jar lists them */
	private static Set<String> fijiProvided(final Path pluginJar) throws IOException {
		try (ZipFile zip = new ZipFile(pluginJar.toFile())) {
			final ZipEntry list = zip.getEntry(FIJI_PROVIDED);
			if (list == null) throw new IOException(pluginJar + " has no " + FIJI_PROVIDED);
			try (InputStream in = zip.getInputStream(list)) {
				return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::trim).filter(l -> !l
					.isEmpty() && !l.startsWith("#")).collect(Collectors.toSet());
			}
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
