package org.xrayseg.reliability;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xrayseg.core.infer.Precision;
import org.xrayseg.TestData;
import org.xrayseg.core.infer.SegmentationRun;
import org.xrayseg.core.infer.TestTimeAugmentation;
import org.xrayseg.core.io.FileSliceSource;
import org.xrayseg.core.io.SliceInput;
import org.xrayseg.core.model.ModelFile;
import org.xrayseg.core.model.SegmentationModel;
import org.xrayseg.core.progress.ProgressListener;

/**
 * 50 train-and-segment cycles in one JVM: the resident memory (heap and native)
 * must not grow once the first cycles have warmed up. Prints the figures.
 */
@Tag("trains")
class MemoryGrowthTest {

	private static final int CYCLES = 50;
	private static final int WARM_UP = 10;
	/**
	 * Allowed growth of the mean resident memory of the last 10 cycles over that of cycles 11-20 (means, since
	 * single samples jump by 20-40 MB as the allocator's arenas grow and shrink): leaked native arrays would add
	 * up cycle after cycle.
	 */
	private static final long MAX_GROWTH_MB = 40;

	@TempDir
	Path dir;

	@Test
	void trainAndSegmentFiftyTimesWithoutGrowingMemory() throws IOException {
		Assumptions.assumeTrue(Files.isReadable(Paths.get("/proc/self/status")), "needs Linux /proc");
		final Path data = TestData.volume();
		final long[] rss = new long[CYCLES + 1];
		for (int cycle = 1; cycle <= CYCLES; cycle++) {
			final Path model = dir.resolve("m.xrsm");
			try (FileSliceSource im = FileSliceSource.open(data.resolve("train/images"));
				FileSliceSource lb = FileSliceSource.open(data.resolve("train/labels"));
				SegmentationModel m = TestData.trainUNet(im, lb, TestData.tinyOptions(1, 3)))
			{
				ModelFile.save(m, model, true);
			}
			new SegmentationRun(model.toFile(), 64, 32, "cpu", TestTimeAugmentation.FALSE, Precision.FLOAT32).toFiles(
				SliceInput.file("input", data.resolve("test/images").toFile()), dir.resolve("labels").toFile(), true,
				ProgressListener.NONE);
			System.gc();
			rss[cycle] = residentMegabytes();
			if (cycle % 10 == 0) System.out.printf(Locale.ROOT, "cycle %d: resident %d MB, heap used %d MB%n", cycle,
				rss[cycle], (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20);
		}
		final double warm = java.util.Arrays.stream(rss, WARM_UP + 1, 2 * WARM_UP + 1).average().orElse(0);
		final double last = java.util.Arrays.stream(rss, CYCLES - WARM_UP + 1, CYCLES + 1).average().orElse(0);
		System.out.printf(Locale.ROOT, "mean resident memory of cycles %d-%d: %.0f MB; of the last %d: %.0f MB " +
			"(growth %.0f MB)%n", WARM_UP + 1, 2 * WARM_UP, warm, WARM_UP, last, last - warm);
		assertTrue(last - warm <= MAX_GROWTH_MB, "resident memory grew by " + Math.round(last - warm) + " MB");
	}

	private static long residentMegabytes() throws IOException {
		for (final String line : Files.readAllLines(Paths.get("/proc/self/status")))
			if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
		throw new IOException("no VmRSS");
	}
}
