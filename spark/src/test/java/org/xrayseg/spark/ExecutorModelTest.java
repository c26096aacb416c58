package org.xrayseg.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xrayseg.core.model.SegmentationModel;
import org.xrayseg.core.runtime.DjlRuntime;

/** An executor JVM holds one copy of a model for all its tasks, and PyTorch uses the task's cores. */
class ExecutorModelTest {

	@TempDir
	Path dir;

	@Test
	void oneModelPerJvmAndFileWithTheTasksCores() throws IOException {
		final Path file = Files.copy(SparkTestData.model(), dir.resolve("copy.xrsm"));
		final SegmentationModel first = ExecutorModel.get(file, "cpu", 2);
		assertEquals(2, DjlRuntime.threads(), "PyTorch's intra-op threads = the task's cores");
		assertSame(first, ExecutorModel.get(file, "cpu", 1), "later tasks share the loaded model");
		assertEquals(2, DjlRuntime.threads());
		Files.setLastModifiedTime(file, FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() + 5000));
		assertNotSame(first, ExecutorModel.get(file, "cpu", 1), "a changed file is loaded again");
		DjlRuntime.threads(1); // as the other tests' executors (one core per task)
	}
}
