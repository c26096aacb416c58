package org.xrayseg.updatesite;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The checksum Fiji's updater keeps for a file of an update site and compares
 * with the file it downloaded (written here from the updater's documented
 * behaviour, not taken from its code). It is a SHA-1 in lower-case hex, but
 * not of the file's bytes:
 * <ul>
 * <li>a file whose name ends in {@code .jar}: the digest of its entries sorted by
 * name (Java string order), each contributing its name (ASCII) and then its
 * content, where the content of a {@code .properties} entry leaves out its
 * comment lines (see {@link #withoutCommentLines}) and the manifest
 * ({@code META-INF/MANIFEST.MF}) contributes no content at all: the updater
 * means to keep its Main-Class line only, but compares the upper-cased line
 * with "Main-Class:", which never matches;</li>
 * <li>any other file: the digest of its path inside the Fiji folder (ASCII,
 * e.g. {@code macros/x.ijm}) followed by its bytes.</li>
 * </ul>
 * So a rebuilt jar whose classes did not change keeps its checksum even though
 * Maven wrote a new date into its pom.properties.
 */
public final class UpdaterChecksum {

	private static final String MANIFEST = "META-INF/MANIFEST.MF";

	private UpdaterChecksum() {}

	/**
	 * @param path the file's path inside the Fiji folder, as the site's record names it
	 * @param file the file
	 * @return the updater's checksum of the file
	 */
	public static String of(final String path, final Path file) throws IOException {
		if (path.endsWith(".jar")) return ofJar(file);
		final MessageDigest digest = sha1();
		digest.update(path.getBytes(StandardCharsets.US_ASCII));
		digest.update(Files.readAllBytes(file));
		return HexFormat.of().formatHex(digest.digest());
	}

	/** @return the updater's checksum of a jar */
	static String ofJar(final Path jar) throws IOException {
		final MessageDigest digest = sha1();
		try (ZipFile zip = new ZipFile(jar.toFile())) {
			final List<ZipEntry> entries = new ArrayList<>(Collections.list(zip.entries()));
			entries.sort((a, b) -> a.getName().compareTo(b.getName()));
			for (final ZipEntry entry : entries) {
				digest.update(entry.getName().getBytes(StandardCharsets.US_ASCII));
				if (entry.getName().equals(MANIFEST)) continue;
				final byte[] content;
				try (InputStream in = zip.getInputStream(entry)) {
					content = in.readAllBytes();
				}
				digest.update(entry.getName().endsWith(".properties") ? withoutCommentLines(content) : content);
			}
		}
		return HexFormat.of().formatHex(digest.digest());
	}

	/**
	 * The content of a properties file as the updater digests it: a line that
	 * starts with '#' is dropped up to and including its end, and its line
	 * feed is kept. "Starts" is the updater's own reading of it, kept exactly
	 * so that the checksums agree: a line counts as starting only after a line
	 * feed that ended a line with text on it, so a comment right after an empty
	 * line, or right after a line of just "#", is kept.
	 */
	static byte[] withoutCommentLines(final byte[] content) {
		final ByteArrayOutputStream out = new ByteArrayOutputStream(content.length);
		boolean lineStart = true;
		int i = 0;
		while (i < content.length) {
			final byte c = content[i];
			if (!lineStart || c != '#') {
				out.write(c);
				lineStart = !lineStart && c == '\n';
				i++;
				continue;
			}
			int next = i;
			while (next < content.length && content[next] == '#')
				next++;
			if (next == content.length) break;
			if (content[next] == '\n') {
				out.write('\n');
				lineStart = false;
				i = next + 1;
				continue;
			}
			while (next < content.length && content[next] != '\n')
				next++;
			if (next == content.length) break;
			out.write('\n');
			lineStart = true;
			i = next + 1;
		}
		return out.toByteArray();
	}

	private static MessageDigest sha1() {
		try {
			return MessageDigest.getInstance("SHA-1");
		}
		catch (final NoSuchAlgorithmException e) {
			throw new IllegalStateException("this Java has no SHA-1", e);
		}
	}
}
