package org.xrayseg.core.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Paths;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Once the engine runs, PyTorch's C++ logger prints errors only: its warnings
 * (the NNPACK lines on processors NNPACK does not know) stay off the terminal.
 * bench/nnpack-warnings.sh shows the lines themselves, before and after.
 */
class NativeLogLevelTest {

	@Test
	void pyTorchPrintsErrorsButNoWarningsOnceTheEngineRuns() {
		Assumptions.assumeTrue(Files.isReadable(Paths.get("/proc/self/maps")) && Runtime.version().feature() < 24,
			"the level is set on Linux with Java 17-23");
		DjlRuntime.engine();
		assertEquals(NativeLogLevel.ERROR, NativeLogLevel.current());
	}
}
