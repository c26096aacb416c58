package org.xrayseg.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.xrayseg.spark.SparkTestData.assertSameFiles;
import static org.xrayseg.spark.SparkTestData.files;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xrayseg.core.infer.Precision;
import org.xrayseg.core.infer.TestTimeAugmentation;

/**
 * Segmenting on Spark (in this JVM, 2 task slots, a task tried twice) gives the
 * command line's label files byte for byte, skips complete outputs, resumes
 * partial ones, survives a failed task attempt and reports a bad slice after
 * the others are done.
 */
class SegmentationJobTest {

	private static JavaSparkContext spark;
	private static Path cliFolder;
	private static Path cliStack;

	@TempDir
	Path dir;

	@BeforeAll
	static void start() {
		final Path cli = SparkTestData.tempDir("xrayseg-spark-cli");
		cliFolder = SparkTestData.commandLine(SparkTestData.images(), cli.resolve("folder"));
		cliStack = SparkTestData.commandLine(SparkTestData.stack(), cli.resolve("stack"));
		spark = new JavaSparkContext(SparkTestData.local(2, 2));
	}

	@AfterAll
	static void stop() {
		spark.close();
	}

	private static SegmentationJob.Summary run(final JobSettings settings, final VolumeRequest... volumes) {
		return SegmentationJob.plan(settings, List.of(volumes), new PrintStream(PrintStream.nullOutputStream())).run(
			spark);
	}

	private static VolumeRequest volume(final Path input, final Path output, final String slices) {
		return VolumeRequest.of(input.toFile(), output.toFile(), slices, null);
	}

	@Test
	void labelsAreTheCommandLinesByteForByte() throws IOException {
		final Path out = dir.resolve("labels");
		final SegmentationJob.Summary s = run(SparkTestData.settings(5, false), volume(SparkTestData.images(), out,
			null));
		assertEquals(List.of(), s.failures());
		assertEquals(SparkTestData.SLICES, s.segmented());
		assertSameFiles(cliFolder, out, files(cliFolder));
		assertFalse(Files.exists(PartialOutput.of(out)), "the partial folder became the output");
		assertEquals(0, hidden(out).size(), "no temporaries or notes in the output");
	}

	@Test
	void anEnsembleModelSegmentsAsOnTheCommandLine() throws IOException {
		final Path cli = SparkTestData.commandLine(SparkTestData.ensemble(), SparkTestData.images(), dir.resolve("cli"));
		final Path out = dir.resolve("labels");
		final SegmentationJob.Summary s = run(SparkTestData.settings(SparkTestData.ensemble(), 5, false), volume(
			SparkTestData.images(), out, null));
		assertEquals(List.of(), s.failures());
		assertSameFiles(cli, out, files(cli));
		assertFalse(Arrays.equals(Files.readAllBytes(cli.resolve(files(cli).get(3))), Files.readAllBytes(cliFolder
			.resolve(files(cli).get(3)))), "the ensemble segments otherwise than its first network alone");
	}

	@Test
	void testTimeAugmentationIsDecidedAsOnTheCommandLine() throws IOException {
		final Path cli = SparkTestData.commandLine(SparkTestData.model(), SparkTestData.images(), dir.resolve("cli"),
			TestTimeAugmentation.AUTO);
		final Path out = dir.resolve("labels");
		final ByteArrayOutputStream log = new ByteArrayOutputStream();
		final SegmentationJob.Summary s = SegmentationJob.plan(SparkTestData.settings(SparkTestData.model(), 5, false,
			TestTimeAugmentation.AUTO), List.of(volume(SparkTestData.images(), out, null)), new PrintStream(log, true,
				StandardCharsets.UTF_8)).run(spark);
		assertEquals(List.of(), s.failures());
		final String printed = log.toString(StandardCharsets.UTF_8);
		assertTrue(printed.contains("xrayseg: test-time augmentation of " + SparkTestData.images() + ": on (auto: "),
			printed);
		assertSameFiles(cli, out, files(cli));
		boolean changed = false;
		for (final String f : files(cli))
			changed |= !Arrays.equals(Files.readAllBytes(cli.resolve(f)), Files.readAllBytes(cliFolder.resolve(f)));
		assertTrue(changed, "the flips and rotations change labels");
	}

	@Test
	void stackSlicesAreNumberedAsInTheWholeVolume() {
		final Path out = dir.resolve("part");
		final SegmentationJob.Summary s = run(SparkTestData.settings(2, false), volume(SparkTestData.stack(), out,
			"3-5,9-"));
		assertEquals(7, s.segmented());
		assertSameFiles(cliStack, out, List.of("slice_0003.tif", "slice_0004.tif", "slice_0005.tif", "slice_0009.tif",
			"slice_0010.tif", "slice_0011.tif", "slice_0012.tif"));
	}

	@Test
	void aCompleteOutputIsSkippedAndOverwriteSegmentsItAgain() throws IOException {
		final Path out = dir.resolve("labels");
		run(SparkTestData.settings(4, false), volume(SparkTestData.images(), out, null));
		final Path first = out.resolve(files(out).get(0));
		Files.setLastModifiedTime(first, FileTime.fromMillis(1000));
		final SegmentationJob.Summary again = run(SparkTestData.settings(4, false), volume(SparkTestData.images(), out,
			null));
		assertEquals(1, again.skipped());
		assertEquals(0, again.segmented());
		assertEquals(1000, Files.getLastModifiedTime(first).toMillis(), "the complete output is left alone");
		final SegmentationJob.Summary overwritten = run(SparkTestData.settings(4, true), volume(SparkTestData.images(),
			out, null));
		assertEquals(SparkTestData.SLICES, overwritten.segmented());
		assertTrue(Files.getLastModifiedTime(first).toMillis() > 1000);
		assertSameFiles(cliFolder, out, files(cliFolder));
	}

	@Test
	void aPartialOutputIsResumedAndItsTemporariesDropped() throws IOException {
		final Path out = dir.resolve("labels");
		final JobSettings settings = SparkTestData.settings(3, false);
		final VolumeRequest request = volume(SparkTestData.images(), out, null);
		// what a killed job leaves: some slices, and the temporary of a slice being written
		PartialOutput.prepare(out, SegmentationJob.identity(VolumePlan.of(request, false), settings, false));
		final List<String> names = files(cliFolder);
		for (final String n : names.subList(0, 5))
			Files.copy(cliFolder.resolve(n), PartialOutput.of(out).resolve(n));
		Files.write(PartialOutput.of(out).resolve("." + names.get(5) + ".partial-0badf00d"), new byte[] { 1, 2, 3 });
		final SegmentationJob.Summary s = run(settings, request);
		assertEquals(5, s.reused());
		assertEquals(SparkTestData.SLICES - 5, s.segmented());
		assertSameFiles(cliFolder, out, names);
		assertEquals(List.of(), hidden(out));
	}

	@Test
	void slicesOfAnotherModelOrOtherKeysAreNotMixedIn() throws IOException {
		final Path out = dir.resolve("labels");
		final VolumeRequest request = volume(SparkTestData.images(), out, null);
		final JobSettings other = new JobSettings(SparkTestData.model().toFile(), 0, 1, 0, "cpu", TestTimeAugmentation.FALSE,
			Precision.FLOAT32, false, 3, false);
		PartialOutput.prepare(out, SegmentationJob.identity(VolumePlan.of(request, false), other, false));
		final String name = files(cliFolder).get(0);
		Files.write(PartialOutput.of(out).resolve(name), new byte[] { 9 });
		final SegmentationJob.Summary s = run(SparkTestData.settings(3, false), request);
		assertEquals(0, s.reused());
		assertSameFiles(cliFolder, out, files(cliFolder));
	}

	@Test
	void aFailedTaskAttemptIsRunAgainAndKeepsWhatItWrote() {
		final Path out = dir.resolve("labels");
		final List<String> names = files(cliFolder);
		// the task of slices 5-8 fails on its first attempt after writing slice 5 (as if its executor died)
		System.setProperty(SliceWorker.FAIL_ONCE, names.get(5));
		try {
			final SegmentationJob.Summary s = run(SparkTestData.settings(4, false), volume(SparkTestData.images(), out,
				null));
			assertEquals(1, s.failedAttempts());
			assertEquals(1, s.reused(), "the retry keeps the slice its lost attempt wrote");
			assertEquals(SparkTestData.SLICES - 1, s.segmented());
		}
		finally {
			System.clearProperty(SliceWorker.FAIL_ONCE);
		}
		assertSameFiles(cliFolder, out, names);
	}

	@Test
	void aBadSliceIsReportedAfterTheOthersAndTheNextRunFinishes() throws IOException {
		final Path input = dir.resolve("scan");
		Files.createDirectories(input);
		final List<String> names = files(SparkTestData.images());
		for (final String n : names)
			Files.copy(SparkTestData.images().resolve(n), input.resolve(n));
		final Path bad = input.resolve(names.get(6));
		final byte[] good = Files.readAllBytes(bad);
		Files.write(bad, Arrays.copyOf(good, 300)); // cut short, as an interrupted copy
		final Path out = dir.resolve("labels");
		final SegmentationJob.Summary s = run(SparkTestData.settings(4, false), volume(input, out, null));
		// the bad slice, and with 2.5D context the neighbours that need it
		final int lost = SparkTestData.slicesNeeding();
		assertEquals(lost, s.failures().size(), s.failures().toString());
		for (final String f : s.failures())
			assertTrue(f.contains(bad + " is truncated"), f);
		assertTrue(s.failures().get(lost / 2).startsWith(bad.toString()), s.failures().toString());
		assertEquals(SparkTestData.SLICES - lost, s.segmented(), "the other slices are done");
		assertFalse(Files.exists(out), "no output until every slice is there");
		assertEquals(SparkTestData.SLICES - lost, files(PartialOutput.of(out)).size());

		Files.write(bad, good);
		final SegmentationJob.Summary again = run(SparkTestData.settings(4, false), volume(input, out, null));
		assertEquals(List.of(), again.failures());
		assertEquals(lost, again.segmented());
		assertEquals(SparkTestData.SLICES - lost, again.reused());
		assertSameFiles(cliFolder, out, files(cliFolder));
	}

	private static List<String> hidden(final Path folder) throws IOException {
		final List<String> names = new ArrayList<>();
		try (var list = Files.list(folder)) {
			list.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).forEach(names::add);
		}
		return names;
	}
}
