package org.xrayseg.updatesite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The updater's checksums of files whose digest input can be written down by
 * hand; the expected values are {@code printf '...' | sha1sum} of that input.
 */
class UpdaterChecksumTest {

	@TempDir
	Path dir;

	@Test
	void aJarIsDigestedAsItsSortedEntryNamesAndContentsWithoutTheManifestAndPropertiesComments()
		throws IOException
	{
		// digest input: "META-INF/" "META-INF/MANIFEST.MF" "a/" "a/b.txt" "hello\n" "x.properties" "\nk=v\n"
		final Path jar = Jars.write(dir.resolve("one.jar"), entries("Main-Class: x.Y\n", "#Sat Dec 05 10:00:00 UTC 2026\n"));
		assertEquals("076282bf0a22049c49060d8ad6e105ad2406aa2f", UpdaterChecksum.of("jars/one.jar", jar));
	}

	@Test
	void aRebuildWithAnotherDateAndManifestKeepsItsChecksumAndAChangedClassDoesNot() throws IOException {
		final Path first = Jars.write(dir.resolve("first.jar"), entries("Main-Class: x.Y\n", "#Sat Dec 05\n"));
		final Path rebuilt = Jars.write(dir.resolve("rebuilt.jar"), entries("Build-Jdk: 17\nCreated-By: Maven\n",
			"#Sun Dec 06\n"));
		assertEquals(UpdaterChecksum.of("jars/x.jar", first), UpdaterChecksum.of("jars/x.jar", rebuilt));
		final Map<String, String> changed = entries("Main-Class: x.Y\n", "#Sat Dec 05\n");
		changed.put("a/b.txt", "hello!\n");
		assertNotEquals(UpdaterChecksum.of("jars/x.jar", first), UpdaterChecksum.of("jars/x.jar", Jars.write(dir
			.resolve("changed.jar"), changed)));
	}

	@Test
	void anyOtherFileIsDigestedAsItsPathFollowedByItsBytes() throws IOException {
		final Path macro = Files.writeString(dir.resolve("x.ijm"), "print(1);\n");
		assertEquals("cbd01964bd6ffc4569c32e6b442ab993d0398edc", UpdaterChecksum.of("macros/x.ijm", macro));
	}

	@Test
	void commentLinesAreDroppedWhereTheUpdaterDropsThem() {
		assertEquals("\nk=v\n", strip("#date\nk=v\n"));
		assertEquals("\nd\n", strip("##z\nd\n"));
		// the updater's reading of a line start: not after an empty line, nor after a line of just "#"
		assertEquals("a=1\n\n#x\nb=2\n", strip("a=1\n\n#x\nb=2\n"));
		assertEquals("\n#y\nc=3\n", strip("#\n#y\nc=3\n"));
		assertEquals("k=v\n", strip("k=v\n#no line feed at the end"));
	}

	private static String strip(final String properties) {
		return new String(UpdaterChecksum.withoutCommentLines(properties.getBytes(StandardCharsets.UTF_8)),
			StandardCharsets.UTF_8);
	}

	/** Entries in an order that is not the sorted one, with the given manifest and properties comment. */
	private static Map<String, String> entries(final String manifest, final String comment) {
		final Map<String, String> e = new LinkedHashMap<>();
		e.put("x.properties", comment + "k=v\n");
		e.put("a/", "");
		e.put("a/b.txt", "hello\n");
		e.put("META-INF/", "");
		e.put("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\n" + manifest);
		return e;
	}
}
