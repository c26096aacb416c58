package org.xrayseg.updatesite;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A file the update site ships: where it comes from, where it goes in the
 * Fiji folder, and for which platform (null: all). The plugin goes to
 * {@code plugins/XRay_Segmentation.jar}, libraries to {@code jars/}, and the
 * PyTorch natives of one platform to {@code jars/<platform>/}, marked for that
 * platform with the updater's platform names.
 *
 * @param source the file in the build
 * @param filename its path in the Fiji folder
 * @param platform the updater's platform name (linux64, win64, macos-arm64, linux-arm64), or null for all
 * @param description what the record says of it
 */
public record SiteFile(Path source, String filename, String platform, String description) {

	/** The plugin's path in a Fiji folder: one name for every version, so that an update replaces it. */
	public static final String PLUGIN = "plugins/XRay_Segmentation.jar";
	private static final Pattern ARTIFACT = Pattern.compile("^(.+?)-\\d.*\\.jar$");
	/** DJL's classifiers of the natives, and the updater's names of their platforms. */
	private static final Map<String, String> PLATFORMS = Map.of("linux-x86_64", "linux64", "linux-aarch64",
		"linux-arm64", "win-x86_64", "win64", "osx-aarch64", "macos-arm64", "osx-x86_64", "macos64");
	private static final Pattern CLASSIFIER = Pattern.compile("-(" + String.join("|", PLATFORMS.keySet()) +
		")\\.jar$");

	/**
	 * @param pluginJar the plugin as built
	 * @param libraries the jars it needs (the same file in two folders counts once)
	 * @param description what the plugin's record says of it
	 * @return what the site ships: the plugin and every library that Fiji does not have ({@link #fijiProvided()})
	 */
	static List<SiteFile> of(final Path pluginJar, final List<Path> libraries, final String description) {
		final Set<String> fiji = fijiProvided();
		final Map<String, SiteFile> files = new LinkedHashMap<>();
		files.put(PLUGIN, new SiteFile(pluginJar, PLUGIN, null, description));
		for (final Path jar : libraries) {
			final String name = jar.getFileName().toString();
			if (fiji.contains(artifact(name))) continue;
			final Matcher native_ = CLASSIFIER.matcher(name);
			final String platform = native_.find() ? PLATFORMS.get(native_.group(1)) : null;
			final String path = "jars/" + (platform == null ? "" : platform + "/") + name;
			files.putIfAbsent(path, new SiteFile(jar, path, platform, "A library of the X-Ray Segmentation plugin" +
				(platform == null ? "" : " (" + platform + " only)") + ": " + name.replaceFirst("\\.jar$", "")));
		}
		return new ArrayList<>(files.values());
	}

	/** @return the artifact name of a jar: its file name up to the version */
	public static String artifact(final String jarName) {
		final Matcher m = ARTIFACT.matcher(jarName);
		return m.matches() ? m.group(1) : jarName.replaceFirst("\\.jar$", "");
	}

	/** @return the artifacts every Fiji has (the resource fiji-provided.txt, which bin/install-imagej reads too) */
	public static Set<String> fijiProvided() {
		try (InputStream in = SiteFile.class.getResourceAsStream("fiji-provided.txt")) {
			if (in == null) throw new IOException("fiji-provided.txt is missing from the plugin's resources");
			return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::trim).filter(l -> !l
				.isEmpty() && !l.startsWith("#")).collect(Collectors.toUnmodifiableSet());
		}
		catch (final IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
