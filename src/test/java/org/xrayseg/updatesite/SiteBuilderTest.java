package org.xrayseg.updatesite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The update site folder a build leaves, read back as the updater reads it. */
class SiteBuilderTest {

	private static final Instant FIRST = Instant.parse("2026-12-05T10:00:00Z");
	private static final List<String> NATIVES = List.of("pytorch-native-cpu-2.7.1-linux-x86_64.jar",
		"pytorch-native-cpu-2.7.1-win-x86_64.jar");

	@TempDir
	Path dir;

	@Test
	void theIndexValidatesAndEveryRecordsFileIsOnTheSiteWithItsSizeAndChecksum() throws Exception {
		final Path site = dir.resolve("site");
		build(site, "plugin v1", "api-0.36.0.jar", NATIVES, FIRST);
		final String xml = SiteIndex.xml(site.toUri());
		SiteIndex.validate(xml);
		final Map<String, SiteIndex.Entry> entries = byName(xml);
		assertEquals(List.of("jars/api-0.36.0.jar", "jars/linux64/pytorch-native-cpu-2.7.1-linux-x86_64.jar",
			"jars/win64/pytorch-native-cpu-2.7.1-win-x86_64.jar", "plugins/XRay_Segmentation.jar"), List.copyOf(entries
				.keySet()), "the libraries Fiji ships (gson, slf4j-api, slf4j-simple, ij) are left out");
		assertEquals(List.of("win64"), entries.get("jars/win64/pytorch-native-cpu-2.7.1-win-x86_64.jar").platforms());
		assertEquals(List.of("jars/api-0.36.0.jar"), entries.get(SiteFile.PLUGIN).dependencies());
		for (final SiteIndex.Entry e : entries.values()) {
			final Path file = site.resolve(e.filename() + "-" + e.timestamp());
			assertEquals(e.filesize(), Files.size(file), e.filename());
			assertEquals(e.checksum(), UpdaterChecksum.of(e.filename(), file), e.filename());
		}
		final Path fiji = dir.resolve("Fiji.app");
		assertEquals(List.of("jars/api-0.36.0.jar", "jars/linux64/pytorch-native-cpu-2.7.1-linux-x86_64.jar",
			SiteFile.PLUGIN), SiteIndex.install(site.toUri(), "linux64", fiji));
		assertEquals(-1, Files.mismatch(fiji.resolve(SiteFile.PLUGIN), site.resolve(SiteFile.PLUGIN + "-20261205100000")),
			"installed under its plain name");
		assertFalse(Files.exists(fiji.resolve("jars/win64")), "another platform's natives are not installed");
	}

	@Test
	void timestampsAreUtcWhateverTheLocalTimeZone() throws Exception {
		final TimeZone local = TimeZone.getDefault();
		try {
			TimeZone.setDefault(TimeZone.getTimeZone("Asia/Tokyo"));
			build(dir, "plugin v1", "api-0.36.0.jar", NATIVES, FIRST);
		}
		finally {
			TimeZone.setDefault(local);
		}
		for (final SiteIndex.Entry e : byName(SiteIndex.xml(dir.toUri())).values())
			assertEquals(20261205100000L, e.timestamp(), e.filename());
	}

	@Test
	void aSecondBuildKeepsTheFirstVersionsAsPreviousVersionsAndDeletesNothing() throws Exception {
		final Path site = dir.resolve("site");
		build(site, "plugin v1", "api-0.36.0.jar", NATIVES, FIRST);
		final Map<String, SiteIndex.Entry> first = byName(SiteIndex.xml(site.toUri()));
		final List<Path> firstFiles = files(site);
		final SiteBuilder.Result second = build(site, "plugin v2", "api-0.37.0.jar", NATIVES.subList(0, 1), FIRST.plus(
			Duration.ofHours(1)));
		assertEquals(20261205110000L, second.timestamp());
		final String xml = SiteIndex.xml(site.toUri());
		SiteIndex.validate(xml);
		final Map<String, SiteIndex.Entry> now = byName(xml);

		final SiteIndex.Entry plugin = now.get(SiteFile.PLUGIN);
		assertEquals(20261205110000L, plugin.timestamp());
		assertEquals(1, plugin.previous().size());
		assertEquals("20261205100000", plugin.previous().get(0).getAttribute("timestamp"));
		assertEquals("20261205110000", plugin.previous().get(0).getAttribute("timestamp-obsolete"));
		assertEquals(first.get(SiteFile.PLUGIN).checksum(), plugin.previous().get(0).getAttribute("checksum"));

		assertFalse(now.containsKey("jars/api-0.36.0.jar"), "one record per library, under its current name");
		assertEquals("jars/api-0.36.0.jar", now.get("jars/api-0.37.0.jar").previous().get(0).getAttribute("filename"));
		assertEquals(List.of("jars/api-0.37.0.jar"), plugin.dependencies());

		final String linux = "jars/linux64/pytorch-native-cpu-2.7.1-linux-x86_64.jar";
		assertEquals(20261205100000L, now.get(linux).timestamp(), "an unchanged file keeps its version");
		assertTrue(now.get(linux).previous().isEmpty());
		final SiteIndex.Entry windows = now.get("jars/win64/pytorch-native-cpu-2.7.1-win-x86_64.jar");
		assertEquals(0, windows.timestamp(), "a file no longer shipped has no current version");
		assertEquals("20261205100000", windows.previous().get(0).getAttribute("timestamp"));

		assertTrue(files(site).containsAll(firstFiles), "every file of the first version is still there");
		assertEquals(firstFiles.size() + 2, files(site).size(), "the new plugin and api files, nothing else");
	}

	@Test
	void aRebuildOfTheSameClassesAddsNothingAndAClockGoneBackStillGivesALaterVersion() throws Exception {
		build(dir, "plugin v1", "api-0.36.0.jar", NATIVES, FIRST);
		final SiteBuilder.Result same = build(dir, "plugin v1", "api-0.36.0.jar", NATIVES, FIRST.plusSeconds(60));
		assertEquals(List.of(), same.added());
		assertEquals(4, same.unchanged().size());
		final SiteBuilder.Result earlier = build(dir, "plugin v2", "api-0.36.0.jar", NATIVES, FIRST.minus(Duration
			.ofDays(1)));
		assertEquals(20261205100001L, earlier.timestamp());
		assertEquals(List.of(SiteFile.PLUGIN), earlier.added());
	}

	/** Builds a version: a plugin jar of that content, one DJL-like library, Fiji's own libraries and natives. */
	private SiteBuilder.Result build(final Path site, final String plugin, final String api, final List<String> natives,
		final Instant when) throws IOException
	{
		final Path libs = Files.createDirectories(dir.resolve("libs-" + when.toEpochMilli()));
		final List<Path> libraries = new ArrayList<>();
		for (final String name : Stream.concat(Stream.of(api, "gson-2.13.1.jar", "slf4j-api-2.0.17.jar",
			"slf4j-simple-2.0.17.jar", "ij-1.54p.jar"), natives.stream()).toList())
			libraries.add(Jars.withContent(libs.resolve(name), name.startsWith("api") ? "DJL " + api : name));
		final Path pluginJar = Jars.withContent(libs.resolve("XRay_Segmentation-0.1.0-SNAPSHOT.jar"), plugin);
		return SiteBuilder.build(site, SiteFile.of(pluginJar, libraries, "the plugin"), List.of("X"), List.of(), when);
	}

	private static Map<String, SiteIndex.Entry> byName(final String xml) throws Exception {
		return SiteIndex.entries(xml).stream().collect(Collectors.toMap(SiteIndex.Entry::filename, e -> e, (a,
			b) -> a, java.util.TreeMap::new));
	}

	private static List<Path> files(final Path site) throws IOException {
		try (Stream<Path> walk = Files.walk(site)) {
			return walk.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().equals(
				SiteDatabase.FILE_NAME)).toList();
		}
	}
}
