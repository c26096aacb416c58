package org.xrayseg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.scijava.Context;
import org.scijava.app.StatusService;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandService;
import org.scijava.log.LogService;
import org.scijava.module.Module;
import org.scijava.module.ModuleItem;
import org.xrayseg.command.CommandRunner;

/**
 * The README says the truth about keys: every {@code key=value} with a
 * literal value in its command lines ({@code bin/xrayseg COMMAND ...}) is a key
 * of that command, and the value is its default in the code.
 */
class ReadmeTest {

	private static final Pattern COMMAND = Pattern.compile("^bin/xrayseg ([a-z][a-z0-9-]*) (.*)$");
	private static final Pattern KEY_VALUE = Pattern.compile("([a-z_0-9]+)=([^\\s\\]]+)");
	private static final Pattern LITERAL = Pattern.compile("-?[0-9]*\\.?[0-9]+(e-?[0-9]+)?|true|false|auto|cpu|gpu|unet");

	@Test
	void everyDefaultTheReadmeShowsIsTheCodesDefault() throws IOException {
		final List<String> checked = new ArrayList<>();
		try (Context context = new Context(CommandService.class, StatusService.class, LogService.class)) {
			final CommandRunner runner = new CommandRunner(context);
			for (final String[] line : commandLines()) {
				final CommandInfo info = runner.find(line[0]);
				if (line[0].equals("help")) continue;
				assertNotNull(info, "README names a command that does not exist: " + line[0]);
				final Module defaults = runner.instantiate(info);
				final Matcher m = KEY_VALUE.matcher(line[1]);
				while (m.find()) {
					final ModuleItem<?> item = info.getInput(m.group(1));
					assertNotNull(item, "README shows key " + m.group(1) + "= that " + line[0] + " does not have");
					if (!LITERAL.matcher(m.group(2)).matches()) continue;
					assertEquals(normal(m.group(2)), normal(String.valueOf(item.getValue(defaults))), "README shows " +
						line[0] + " " + m.group(0) + " but the default is " + item.getValue(defaults));
					checked.add(line[0] + " " + m.group(1));
				}
			}
		}
		assertTrue(checked.size() >= 20, "the README's key lists were found: " + checked);
	}

	/** @return {command, its keys} for every command line of the README's code blocks, continuations joined */
	private static List<String[]> commandLines() throws IOException {
		final List<String[]> lines = new ArrayList<>();
		String pending = null;
		for (final String raw : Files.readAllLines(Paths.get("README.md"))) {
			final String line = raw.strip();
			final String joined = pending == null ? line : pending + " " + line;
			if (joined.endsWith("\\")) {
				pending = joined.substring(0, joined.length() - 1).strip();
				continue;
			}
			pending = null;
			final Matcher m = COMMAND.matcher(joined);
			if (m.matches()) lines.add(new String[] { m.group(1), m.group(2) });
		}
		return lines;
	}

	private static String normal(final String value) {
		try {
			return Double.toString(Double.parseDouble(value));
		}
		catch (final NumberFormatException e) {
			return value;
		}
	}
}
