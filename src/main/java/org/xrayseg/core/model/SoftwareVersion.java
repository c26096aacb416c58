package org.xrayseg.core.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version of this software, from the build. */
public final class SoftwareVersion {

	private static final String VERSION = read();

	private SoftwareVersion() {}

	public static String get() {
		return VERSION;
	}

	private static String read() {
		try (InputStream in = SoftwareVersion.class.getResourceAsStream("/xrayseg-version.properties")) {
			if (in == null) return "unknown";
			final Properties p = new Properties();
			p.load(in);
			return p.getProperty("version", "unknown");
		}
		catch (final IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
