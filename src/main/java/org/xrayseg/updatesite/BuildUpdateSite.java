package org.xrayseg.updatesite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Command line of the update site build ({@code mvn -Pupdate-site package}
 * runs it): {@code BuildUpdateSite SITE_FOLDER PLUGIN_JAR LIBRARY_JAR... [--author NAME] [--link URL]
 * [--description TEXT]}. Builds this version onto the folder and prints what changed.
 */
public final class BuildUpdateSite {

	private BuildUpdateSite() {}

	public static void main(final String[] args) throws IOException {
		final List<String> plain = new ArrayList<>();
		final List<String> authors = new ArrayList<>();
		final List<String> links = new ArrayList<>();
		String description = "Segments X-ray tomography volumes with deep networks (U-Net, Pix2Pix) trained in Fiji";
		for (int i = 0; i < args.length; i++) {
			switch (args[i]) {
				case "--author" -> authors.add(args[++i]);
				case "--link" -> links.add(args[++i]);
				case "--description" -> description = args[++i];
				default -> plain.add(args[i]);
			}
		}
		if (plain.size() < 2) {
			System.err.println("Usage: BuildUpdateSite SITE_FOLDER PLUGIN_JAR LIBRARY_JAR_OR_FOLDER... [--author NAME] " +
				"[--link URL] [--description TEXT]");
			System.exit(2);
		}
		final List<Path> libraries = new ArrayList<>();
		for (final String arg : plain.subList(2, plain.size()))
			libraries.addAll(jars(Paths.get(arg)));
		final Path site = Paths.get(plain.get(0));
		final SiteBuilder.Result r = SiteBuilder.build(site, SiteFile.of(Paths.get(plain.get(1)), libraries,
			description), authors, links, Instant.now());
		System.out.println("Update site " + site.toAbsolutePath() + ", version " + r.timestamp() + " (UTC): " + r
			.added().size() + " new, " + r.unchanged().size() + " unchanged, " + r.retired().size() + " retired");
		r.added().forEach(f -> System.out.println("  new      " + f));
		r.retired().forEach(f -> System.out.println("  retired  " + f));
	}

	/** @return the jar, or the jars in the folder in the order of their names */
	private static List<Path> jars(final Path jarOrFolder) throws IOException {
		if (!Files.isDirectory(jarOrFolder)) return List.of(jarOrFolder);
		try (Stream<Path> files = Files.list(jarOrFolder)) {
			return files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList();
		}
	}
}
