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
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xrayseg.command.ExitCode;
import org.xrayseg.core.infer.TestTimeAugmentation;

/**
 * The Spark application as spark-submit runs it: the command line's keys and
 * messages, several volumes from one pattern, the summary and Dice tables, a
 * second run that needs no Spark, and a bad slice as one line and exit code 1.
 */
class SparkSegmentTest {

	@TempDir
	Path dir;

	private String out;
	private String err;

	private int run(final String... args) {
		final ByteArrayOutputStream o = new ByteArrayOutputStream();
		final ByteArrayOutputStream e = new ByteArrayOutputStream();
		final int code = SparkSegment.run(args, SparkTestData.local(2, 1), new PrintStream(o, true,
			StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8));
		out = o.toString(StandardCharsets.UTF_8);
		err = e.toString(StandardCharsets.UTF_8);
		return code;
	}

	@Test
	void badKeysGetTheCommandLinesMessagesAndExitCode2() {
		assertEquals(ExitCode.USAGE, run("segment", "modle=m.xrsm", "input=i", "output=o"));
		assertEquals("error: Unknown key 'modle' for segment (did you mean 'model'?)\n", err);
		assertEquals(ExitCode.USAGE, run("segment", "model=m.xrsm", "input=i"));
		assertTrue(err.startsWith("error: Missing key output= (Output: "), err);
		assertEquals(ExitCode.USAGE, run("segment", "model=m", "input=i", "output=o", "device=tpu"));
		assertEquals("error: device must be one of auto, cpu, gpu, not 'tpu'\n", err);
		assertEquals(ExitCode.USAGE, run("segment", "model=m", "input=i", "output=o", "slices_per_task=0"));
		assertEquals("error: slices_per_task must be at least 1, not 0\n", err);
		assertEquals(ExitCode.USAGE, run("segment", "model", "input=i"));
		assertEquals("error: Expected key=value, got 'model'\n", err);
		assertEquals(ExitCode.USAGE, run("segmnt", "model=m"));
		assertEquals("error: unknown command 'segmnt'. Commands: segment, help\n", err);
		assertEquals(ExitCode.USAGE, run("segment", "model=m", "input=i", "output=o", "image=x"));
		assertEquals("error: image= is a key of segment that the Spark job does not support yet\n", err);
		assertEquals(ExitCode.OK, run("help"));
		for (final String key : List.of("model=", "input=", "output=", "tile_size=", "overlap=", "device=", "tta=",
			"precision=", "overwrite=", "slices=", "dataset=", "truth=", "table=", "slices_per_task="))
			assertEquals(1, out.split("\n  " + key, -1).length - 1, key + " once in\n" + out);
		assertTrue(out.contains("default auto") && !out.contains("image="), out);
	}

	@Test
	void failuresBeforeAnyTaskExitWith1AndOneLine() {
		final Path missing = dir.resolve("none.xrsm");
		assertEquals(ExitCode.FAILED, run("segment", "model=" + missing, "input=" + SparkTestData.images(), "output=" + dir
			.resolve("out")));
		assertEquals("error: Model file not found: " + missing + "\n", err);
		assertEquals(ExitCode.FAILED, run("segment", "model=" + SparkTestData.model(), "input=" + SparkTestData.stack(),
			"output=" + dir.resolve("out"), "slices=5-40"));
		assertEquals("error: slices=5-40 lies outside the 12 slices of file " + SparkTestData.stack() + "\n", err);
	}

	@Test
	void severalVolumesWithReferencesGiveTheSummaryAndDiceTables() throws IOException {
		final Path labels = dir.resolve("labels");
		final Path table = dir.resolve("summary.csv");
		final String[] args = { "segment", "model=" + SparkTestData.model(), "input=" + SparkTestData.volume().resolve(
			"[is][mt]*"), "output=" + labels, "truth=" + SparkTestData.volume().resolve("labels") + "," + SparkTestData.volume()
				.resolve("labels"), "table=" + table, "tile_size=" + SparkTestData.TILE, "overlap=" + SparkTestData.OVERLAP,
			"device=cpu", "slices_per_task=5" };
		assertEquals(ExitCode.OK, run(args), err);
		// the pattern matches images/ and stack.tif (not labels/): two volumes, the same slices; tta=auto, as in segment
		final Path cli = SparkTestData.commandLine(SparkTestData.model(), SparkTestData.images(), dir.resolve("cli"),
			TestTimeAugmentation.AUTO);
		assertSameFiles(cli, labels.resolve("images"), files(cli));
		assertEquals(SparkTestData.SLICES, files(labels.resolve("stack")).size());
		assertTrue(out.contains("Dice of " + labels.resolve("stack") + ":\nphase "), out);
		assertTrue(out.contains("24 slices segmented"), out);
		final List<String> csv = Files.readAllLines(table);
		assertEquals("volume,state,slices,segmented,kept,failed,seconds,Dice mean", csv.get(0));
		assertTrue(csv.get(1).startsWith(labels.resolve("images") + ",done,12,12,0,0,"), csv.get(1));
		final double dice = Double.parseDouble(csv.get(1).substring(csv.get(1).lastIndexOf(',') + 1));
		assertTrue(dice > 0.5 && dice <= 1, "a trained model's Dice: " + dice);

		args[5] = "table=" + dir.resolve("again.csv");
		assertEquals(ExitCode.OK, run(args), err);
		assertTrue(out.matches("(?s).*\n" + labels.resolve("stack") + " +complete before +12 +0 +12 +0 .*"), out);
		assertTrue(out.contains("0 slices segmented"), out);
		assertFalse(err.contains("WARN"), "Spark was not started: " + err);
	}

	@Test
	void qualityTablesAreWrittenBesideEachVolumeAndNothingHiddenStaysInTheLabels() throws IOException {
		final Path labels = dir.resolve("labels");
		assertEquals(ExitCode.OK, run("segment", "model=" + SparkTestData.model(), "input=" + SparkTestData.images(),
			"output=" + labels, "tile_size=" + SparkTestData.TILE, "overlap=" + SparkTestData.OVERLAP, "device=cpu",
			"slices_per_task=5", "quality_tables=true"), err);
		final List<String> csv = Files.readAllLines(dir.resolve("labels-quality.csv"));
		assertEquals(SparkTestData.SLICES + 1, csv.size(), "a header and a row per slice");
		assertTrue(csv.get(0).startsWith("slice,estimated Dice "), csv.get(0));
		assertTrue(Files.size(dir.resolve("labels-quality.png")) > 1000);
		assertTrue(err.contains("Quality estimate (no reference"), err);
		try (java.util.stream.Stream<Path> files = Files.list(labels)) {
			assertTrue(files.noneMatch(f -> f.getFileName().toString().startsWith(".")), "only label slices");
		}
		assertEquals(SparkTestData.SLICES, files(labels).size());
	}

	@Test
	void aBadSliceFailsTheJobWithOneLineNamingItAfterTheOthers() throws IOException {
		final Path input = dir.resolve("scan");
		Files.createDirectories(input);
		final List<String> names = files(SparkTestData.images());
		for (final String n : names)
			Files.copy(SparkTestData.images().resolve(n), input.resolve(n));
		final Path bad = input.resolve(names.get(3));
		Files.write(bad, Arrays.copyOf(Files.readAllBytes(bad), 200));
		assertEquals(ExitCode.FAILED, run("segment", "model=" + SparkTestData.model(), "input=" + input, "output=" + dir
			.resolve("labels"), "device=cpu"));
		final List<String> errors = err.lines().filter(l -> l.startsWith("error:")).toList();
		assertEquals(1, errors.size(), err);
		// with 2.5D context the neighbours of the bad slice cannot be segmented either
		final int lost = SparkTestData.slicesNeeding();
		final String cause = bad + " is truncated (its header or first directory is incomplete): copy it again from " +
			"its source; the other slices are written: run the job again once it is fixed to segment what is missing";
		assertEquals("error: " + (lost == 1 ? "" : lost + " slices could not be segmented, the first: scan/" + names
			.get(3 - lost / 2) + ": ") + cause, errors.get(0));
		assertEquals(SparkTestData.SLICES - lost, files(PartialOutput.of(dir.resolve("labels"))).size());
	}
}
