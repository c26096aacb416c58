package org.xrayseg.updatesite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.GraphicsEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xrayseg.imagej1.ImageJBatch;

/**
 * The update site of the packaged plugin is a working plugin: the site is
 * built from target/ (the plugin jar and its libraries; natives of this
 * platform only, the other platforms' are the same kind of file), an empty
 * folder receives the site's files as the updater installs them (db.xml.gz
 * read, each current file of linux64 fetched from its timestamped name to its
 * plain name, size and checksum checked), and ImageJ 1.x started the way Fiji
 * starts (the folder's jars/, jars/linux64/ and plugins/ on the class path,
 * plus the libraries Fiji itself has) trains and segments with the example
 * macros.
 */
class UpdateSiteIT {

	private static final long SECONDS = 300;

	@TempDir
	Path dir;

	@Test
	void aFolderInstalledFromTheSiteRunsTheExampleMacros() throws Exception {
		Assumptions.assumeFalse(GraphicsEnvironment.isHeadless(), "ImageJ macros need a display (bin/test uses Xvfb)");
		final List<Path> deps;
		try (Stream<Path> jars = Files.list(Paths.get("target/deps"))) {
			deps = jars.sorted().toList();
		}
		final Path site = dir.resolve("site");
		SiteBuilder.build(site, SiteFile.of(ImageJBatch.pluginJar(), deps, "the plugin"), List.of(), List.of(), Instant.now());
		SiteIndex.validate(SiteIndex.xml(site.toUri()));

		final Path fiji = dir.resolve("Fiji.app");
		final List<String> installed = SiteIndex.install(site.toUri(), "linux64", fiji);
		assertTrue(installed.contains(SiteFile.PLUGIN), installed.toString());
		assertTrue(installed.contains("jars/linux64/pytorch-native-cpu-2.7.1-linux-x86_64.jar"), installed.toString());
		final List<String> fijiHas = new ArrayList<>();
		for (final Path jar : deps) {
			final String artifact = SiteFile.artifact(jar.getFileName().toString());
			if (!SiteFile.fijiProvided().contains(artifact)) continue;
			assertFalse(installed.contains("jars/" + jar.getFileName()), "Fiji has " + artifact);
			if (!artifact.equals("slf4j-simple")) fijiHas.add(jar.toAbsolutePath().toString());
		}

		final List<String> classPath = new ArrayList<>(fijiHas);
		for (final String folder : List.of("jars", "jars/linux64", "plugins"))
			classPath.add(fiji.resolve(folder).toAbsolutePath() + "/*");
		final Path out = dir.resolve("out");
		for (final String macro : List.of("macros/1_train_unet.ijm", "macros/2_segment_folder.ijm")) {
			final String log = ImageJBatch.run(fiji, classPath, Paths.get(macro), out.toString(), dir.resolve(Paths.get(
				macro).getFileName() + ".log"), SECONDS);
			assertFalse(log.contains("error") || log.contains("Unrecognized command"), macro + ":\n" + log);
		}
		assertTrue(Files.size(out.resolve("unet.xrsm")) > 10_000);
		try (Stream<Path> labels = Files.list(out.resolve("test-labels"))) {
			assertEquals(6, labels.count(), "one label image per test slice");
		}
	}
}
