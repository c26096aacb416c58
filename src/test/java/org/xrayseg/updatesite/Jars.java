package org.xrayseg.updatesite;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Small jars for the tests, their entries in the order given. */
final class Jars {

	private Jars() {}

	static Path write(final Path jar, final Map<String, String> entries) throws IOException {
		try (OutputStream file = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(file)) {
			for (final Map.Entry<String, String> e : entries.entrySet()) {
				zip.putNextEntry(new ZipEntry(e.getKey()));
				zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
				zip.closeEntry();
			}
		}
		return jar;
	}

	/** @return a jar with one class-like entry of the given content */
	static Path withContent(final Path jar, final String content) throws IOException {
		return write(jar, Map.of("org/example/A.class", content));
	}
}
