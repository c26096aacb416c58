package org.xrayseg.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;

import ij.Macro;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.scijava.Context;
import org.scijava.app.StatusService;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandService;
import org.scijava.log.LogService;
import org.scijava.module.ModuleService;
import org.xrayseg.TestData;
import org.xrayseg.cli.Main;
import org.xrayseg.command.CommandParameters;
import org.xrayseg.command.KeyValueText;
import org.xrayseg.core.error.SegmentationException;
import org.xrayseg.imagej1.CommandPlugin;

/**
 * Every bad input of {@link BadInputs}, through the command line, an ImageJ
 * macro and the Java (SciJava) API: one clear line, a failure signal, no
 * output, inputs untouched.
 */
@Tag("trains")
class BadInputCatalogueTest {

	private static Path dir;
	private static Context context;
	private Map<Path, String> inputsBefore;

	@BeforeAll
	static void makeBadFiles() throws IOException {
		dir = Files.createTempDirectory("xrayseg-bad");
		BadInputs.make(dir);
		context = new Context(CommandService.class, ModuleService.class, StatusService.class, LogService.class);
	}

	static Stream<BadInputs.Case> cases() throws IOException {
		if (dir == null) makeBadFiles();
		return BadInputs.all(dir).stream();
	}

	@BeforeEach
	void rememberInputs() throws IOException {
		inputsBefore = fingerprints();
	}

	@AfterEach
	void nothingWrittenNothingChanged() throws IOException {
		try (Stream<Path> out = Files.list(dir.resolve("out"))) {
			assertEquals(List.of(), out.toList(), "no partial output");
		}
		assertEquals(inputsBefore, fingerprints(), "inputs untouched");
	}

	@ParameterizedTest(name = "command line: {0}")
	@MethodSource("cases")
	void commandLine(final BadInputs.Case c) {
		final List<String> args = new ArrayList<>(List.of(c.command()));
		c.keys().forEach((k, v) -> args.add(k + "=" + v));
		final ByteArrayOutputStream err = new ByteArrayOutputStream();
		final int code = Main.run(args.toArray(new String[0]), new PrintStream(new ByteArrayOutputStream(), true,
			StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
		final String printed = err.toString(StandardCharsets.UTF_8);
		final List<String> errors = printed.lines().filter(l -> l.startsWith("error: ")).toList();
		assertNotEquals(0, code);
		assertEquals(1, errors.size(), "one error line: " + printed);
		assertTrue(errors.get(0).contains(c.message()), errors.get(0));
		assertTrue(printed.lines().noneMatch(l -> l.startsWith("\tat ") || l.contains("Exception")), "no stack trace: " +
			printed);
	}

	@ParameterizedTest(name = "macro: {0}")
	@MethodSource("cases")
	void macro(final BadInputs.Case c) throws InterruptedException {
		final StringBuilder options = new StringBuilder();
		c.keys().forEach((k, v) -> options.append(KeyValueText.format(k, v)).append(' '));
		final PrintStream stdout = System.out;
		final ByteArrayOutputStream log = new ByteArrayOutputStream();
		System.setOut(new PrintStream(log, true, StandardCharsets.UTF_8));
		try {
			final Thread t = new Thread(() -> {
				Macro.setOptions(options.toString());
				new CommandPlugin().run(c.command());
			}, "Run$_bad-input");
			t.start();
			t.join(60_000);
		}
		finally {
			System.setOut(stdout);
		}
		final List<String> lines = log.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains("error"))
			.toList();
		assertEquals(1, lines.size(), "one error line in the Log: " + log);
		assertTrue(lines.get(0).startsWith("X-Ray Segmentation error: ") && lines.get(0).contains(c.message()), lines
			.get(0));
	}

	@ParameterizedTest(name = "Java API: {0}")
	@MethodSource("cases")
	void javaApi(final BadInputs.Case c) {
		final CommandInfo info = context.service(CommandService.class).getCommands().stream().filter(i -> c.command()
			.equals(i.getName())).findFirst().orElseThrow();
		final Map<String, Object> inputs;
		try {
			inputs = CommandParameters.parse(info, context.service(ModuleService.class).createModule(info), c.keys(),
				false);
		}
		catch (final SegmentationException e) {
			assertTrue(e.getMessage().contains(c.message()), e.getMessage());
			return;
		}
		final ExecutionException e = assertThrows(ExecutionException.class, () -> context.service(
			CommandService.class).run(info, false, inputs).get());
		Throwable cause = e;
		while (cause.getCause() != null && !(cause instanceof SegmentationException))
			cause = cause.getCause();
		assertTrue(cause instanceof SegmentationException && cause.getMessage().contains(c.message()), String.valueOf(
			cause));
	}

	/** @return a digest of every file under the data and bad-input folders */
	private static Map<Path, String> fingerprints() throws IOException {
		final Map<Path, String> all = new TreeMap<>();
		for (final Path root : new Path[] { TestData.volume(), dir }) {
			try (Stream<Path> files = Files.walk(root)) {
				for (final Path f : files.filter(Files::isRegularFile).toList())
					all.put(f, digest(Files.readAllBytes(f)));
			}
		}
		return all;
	}

	private static String digest(final byte[] bytes) {
		try {
			return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (final java.security.NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}
}
