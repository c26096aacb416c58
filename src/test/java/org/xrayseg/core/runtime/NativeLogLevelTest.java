package org.xrayseg.core.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.sun.jna.Platform;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Once the engine runs, PyTorch's C++ logger prints errors only: its warnings
 * (the NNPACK lines on processors NNPACK does not know) stay off the terminal.
 * bench/nnpack-warnings.sh shows the lines in a whole training and segmentation.
 */
class NativeLogLevelTest {

	private static final String NNPACK = "Could not initialize NNPACK";

	@TempDir
	Path dir;

	@Test
	void theNnpackWarningReachesStderrOnlyWhenAskedFor() throws IOException, InterruptedException {
		Assumptions.assumeTrue(Platform.isLinux() || Platform.isMac(), "the level is set on Linux and macOS");
		final String preload = nnpackThatCannotStart();
		final String shown = child(preload, true);
		Assumptions.assumeTrue(shown.contains(NNPACK), "NNPACK starts on this processor and there is no C compiler " +
			"(cc) to make it fail as on processors it does not know: the warning cannot be triggered here");
		assertTrue(shown.contains(NnpackProbe.DONE), shown);
		final String quiet = child(preload, false);
		assertTrue(quiet.contains(NnpackProbe.DONE), quiet);
		assertFalse(quiet.contains(NNPACK), quiet);
	}

	@Test
	void pyTorchsLevelIsErrorOnceTheEngineRuns() {
		Assumptions.assumeTrue(Platform.isLinux() || Platform.isMac(), "the level is set on Linux and macOS");
		DjlRuntime.engine();
		assertEquals(NativeLogLevel.ERROR, NativeLogLevel.current(DjlRuntime.c10()));
	}

	@Test
	void aLibraryThatIsNotLoadedOrHasNoLevelIsLeftAlone() {
		assertFalse(NativeLogLevel.quietWarnings(dir.resolve(System.mapLibraryName("c10"))), "not loaded");
		final Path java = Paths.get(System.getProperty("java.home"), "lib", System.mapLibraryName("java"));
		assertFalse(NativeLogLevel.quietWarnings(java), "loaded, without the symbol");
	}

	/**
	 * @return LD_PRELOAD for a library whose nnp_initialize answers "unsupported hardware" (51), as NNPACK
	 *         does on processors it does not know; PyTorch calls it through the dynamic linker. Null without cc.
	 */
	private String nnpackThatCannotStart() throws IOException, InterruptedException {
		if (!Platform.isLinux()) return null;
		final Path source = Files.writeString(dir.resolve("nnpack.c"), "int nnp_initialize(void) { return 51; }\n");
		final Path library = dir.resolve("libnnpack-unsupported.so");
		try {
			final Process cc = new ProcessBuilder("cc", "-shared", "-fPIC", "-o", library.toString(), source.toString())
				.redirectErrorStream(true).start();
			cc.getInputStream().readAllBytes();
			return cc.waitFor() == 0 ? library.toString() : null;
		}
		catch (final IOException e) {
			return null; // no cc
		}
	}

	/** @return stdout and stderr of {@link NnpackProbe} in a JVM of its own */
	private static String child(final String preload, final boolean showWarnings) throws IOException,
		InterruptedException
	{
		final ProcessBuilder pb = new ProcessBuilder(List.of(Paths.get(System.getProperty("java.home"), "bin", "java")
			.toString(), "-cp", System.getProperty("java.class.path"), "-Dai.djl.offline=true", "-D" +
				DjlRuntime.SHOW_NATIVE_WARNINGS + "=" + showWarnings, NnpackProbe.class.getName()))
					.redirectErrorStream(true);
		if (preload != null) pb.environment().put("LD_PRELOAD", preload);
		final Process p = pb.start();
		final String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertTrue(p.waitFor(2, TimeUnit.MINUTES), "the probe ends");
		return out;
	}
}
