package org.xrayseg.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** What one command line, run in this JVM, printed and returned. */
record Printed(int code, String out, String err) {

	static Printed run(final String... args) {
		final ByteArrayOutputStream o = new ByteArrayOutputStream();
		final ByteArrayOutputStream e = new ByteArrayOutputStream();
		final int code = Main.run(args, new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true,
			StandardCharsets.UTF_8));
		return new Printed(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
	}
}
