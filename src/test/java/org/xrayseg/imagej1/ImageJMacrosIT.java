package org.xrayseg.imagej1;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.GraphicsEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.xrayseg.core.convert.Pixels;
import org.xrayseg.core.io.FileSliceSource;

/**
 * End to end in real ImageJ 1.54p: installs the packaged plugin into a fresh
 * ImageJ folder (nothing is downloaded), runs every macro of macros/ with
 * {@code ImageJ -batch} under the display of the test run (Xvfb in CI), with a
 * time limit, and checks the files they write.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ImageJMacrosIT {

	private static final long TIMEOUT_SECONDS = 300;

	@TempDir
	static Path imagej;

	@TempDir
	static Path out;

	@BeforeAll
	static void install() throws IOException, InterruptedException {
		org.junit.jupiter.api.Assumptions.assumeFalse(GraphicsEnvironment.isHeadless(),
			"ImageJ macros need a display: run under xvfb-run (bin/test does)");
		final Path jar = ImageJBatch.pluginJar();
		// the installer users run (bin/install-imagej), as a single-file Java program
		final Process p = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
			"bin/InstallImageJ.java", jar.toString(), "target/deps", imagej.toString()).inheritIO().start();
		assertEquals(0, p.waitFor(), "bin/InstallImageJ.java exits with 0");
		assertTrue(Files.isRegularFile(imagej.resolve("plugins/jars/pytorch-native-cpu-2.7.1-linux-x86_64.jar")));
		assertFalse(Files.exists(imagej.resolve("plugins/jars/ij-1.54p.jar")), "ImageJ is not installed twice");
	}

	@Test
	@Order(1)
	void trainUNetMacroSavesAModelAndItsHistory() throws Exception {
		final String log = runMacro(Paths.get("macros/1_train_unet.ijm"), out.toString());
		assertTrue(log.contains("Model saved to " + out), log);
		assertTrue(Files.size(out.resolve("unet.xrsm")) > 10_000);
		assertEquals(7, Files.readAllLines(out.resolve("training-history.csv")).size(), "header + 6 epochs");
		assertTrue(Files.size(out.resolve("training-history.png")) > 1000);
	}

	@Test
	@Order(2)
	void segmentFolderMacroWritesOneLabelImagePerSlice() throws Exception {
		runMacro(Paths.get("macros/2_segment_folder.ijm"), out.toString());
		try (FileSliceSource labels = FileSliceSource.open(out.resolve("test-labels"))) {
			assertEquals(6, labels.size());
			assertEquals("slice_019.tif", labels.fileName(0));
			for (final float v : Pixels.toFloats(labels.slice(0)))
				assertTrue(v == 0 || v == 128 || v == 255, "label value " + v);
		}
	}

	@Test
	@Order(3)
	void segmentingTheOpenStackGivesTheSameLabelsAsTheFolder() throws Exception {
		final String log = runMacro(Paths.get("macros/3_segment_open_stack.ijm"), out.toString());
		assertTrue(log.contains("Segmented images into images-labels (6 slices)"), log);
		try (FileSliceSource stack = FileSliceSource.open(out.resolve("open-stack-labels.tif"));
			FileSliceSource folder = FileSliceSource.open(out.resolve("test-labels")))
		{
			assertEquals(6, stack.size());
			for (int z = 0; z < 6; z++)
				assertArrayEquals(Pixels.toFloats(folder.slice(z)), Pixels.toFloats(stack.slice(z)), "slice " + z);
		}
	}

	@Test
	@Order(4)
	void evaluateMacroSavesTheDiceTable() throws Exception {
		final String log = runMacro(Paths.get("macros/4_evaluate.ijm"), out.toString());
		final List<String> rows = Files.readAllLines(out.resolve("dice.csv"));
		assertEquals("phase,Dice mean,Dice std,IoU mean,IoU std,slices", rows.get(0));
		assertEquals(5, rows.size());
		for (final String row : rows.subList(1, rows.size()))
			assertTrue(Double.parseDouble(row.split(",")[1]) > 0.9, row);
		assertTrue(log.contains("code 128: Dice 0.9"), log);
		assertEquals(7, Files.readAllLines(out.resolve("dice-per-slice.csv")).size());
	}

	@Test
	@Order(9)
	void microstructureMacroAnalysesTheOpenLabelStackAndReadsTheTable() throws Exception {
		final String log = runMacro(Paths.get("macros/7_microstructure.ijm"), out.toString());
		final List<String> rows = Files.readAllLines(out.resolve("microstructure.csv"));
		assertTrue(rows.get(0).startsWith("phase,name,volume_fraction,"), rows.get(0));
		assertEquals(4, rows.size(), "header + 3 phases");
		assertTrue(rows.get(1).startsWith("0,pore,") && rows.get(3).startsWith("255,YSZ,"), rows.toString());
		assertTrue(rows.get(1).endsWith(",\u00b5m"), "calibrated from the open image: " + rows.get(1));
		double sum = 0;
		for (final String line : log.lines().filter(l -> l.contains(": volume fraction ")).toList())
			sum += Double.parseDouble(line.replaceAll(".*volume fraction ([0-9.]+).*", "$1"));
		assertEquals(1.0, sum, 0.003, "the fractions the macro read from the table:\n" + log);
		assertTrue(log.contains("YSZ: volume fraction 0.2914"), log);
	}

	@Test
	@Order(5)
	void batchMacroProcessesEveryVolume() throws Exception {
		final String log = runMacro(Paths.get("macros/5_batch.ijm"), out.toString());
		for (final String volume : new String[] { "train", "test" }) {
			assertTrue(Files.isRegularFile(out.resolve("batch/" + volume + "-dice.csv")), volume);
			assertTrue(log.contains(volume + ": mean Dice 0.9"), log);
		}
		try (Stream<Path> files = Files.list(out.resolve("batch/train-labels"))) {
			assertEquals(18, files.count());
		}
	}

	@Test
	@Order(6)
	void aMissingKeyFailsAtOnceWithOneLineInTheLog() throws Exception {
		final Path macro = out.resolve("bad.ijm");
		Files.writeString(macro, "run(\"Segment\", \"model=[" + out.resolve("unet.xrsm") + "]\");\n" +
			"print(\"still running\");\n" + "run(\"Evaluate Segmentation\", \"prediction=x truth=y tabel=z\");\n");
		final long start = System.nanoTime();
		final String log = runMacro(macro, "");
		assertTrue(log.contains("X-Ray Segmentation error: No input given (input=FOLDER or FILE, or an open image)"),
			log);
		assertFalse(log.contains("still running"), "the macro stops at the failed command");
		assertTrue((System.nanoTime() - start) / 1e9 < 60, "no hidden dialog waits");
		Files.writeString(macro, "run(\"Evaluate Segmentation\", \"prediction=x truth=y tabel=z\");\n");
		assertTrue(runMacro(macro, "").contains(
			"X-Ray Segmentation error: Unknown key 'tabel' for evaluate (did you mean 'table'?)"));
	}

	@Test
	@Order(8)
	void strokesInTheRoiManagerTrainAModelThatASecondRunContinues() throws Exception {
		final String log = runMacro(Paths.get("macros/6_train_from_annotations.ijm"), out.toString());
		assertTrue(log.contains("First run: 15 annotation ROIs and 10 suggested regions") && log.contains(
			"Second run: 16 annotation ROIs and 10 suggested regions"), log);
		assertTrue(log.contains("Continuing from the weights of " + out.resolve("annotations.previous.xrsm")), log);
		try (FileSliceSource labels = FileSliceSource.open(out.resolve("annotation-labels.tif"))) {
			assertEquals(18, labels.size(), "every slice of the stack is segmented");
			final java.util.Set<Float> codes = new java.util.TreeSet<>();
			for (final float v : Pixels.toFloats(labels.slice(0)))
				codes.add(v);
			assertEquals(java.util.Set.of(1f, 2f, 3f), codes, "phases 1, 2, 3 (nickel, pore, YSZ)");
		}
		final double dice = Double.parseDouble(log.lines().filter(l -> l.startsWith("Mean Dice against the complete"))
			.findFirst().orElseThrow(() -> new AssertionError(log)).replaceAll(".*: ", ""));
		assertTrue(dice > 0.6, "a segmentation from 16 strokes: mean Dice " + dice);
	}

	@Test
	@Order(7)
	void eachCommandIsInImageJsCommandTableOnce() throws Exception {
		final Path macro = out.resolve("commands.ijm");
		Files.writeString(macro, "List.setCommands;\nlines = split(List.getList, \"\\n\");\n" +
			"for (i = 0; i < lines.length; i++) if (indexOf(lines[i], \"org.xrayseg\") >= 0) print(\"COMMAND \" + lines[i]);\n");
		final List<String> commands = runMacro(macro, "").lines().filter(l -> l.startsWith("COMMAND ")).sorted()
			.collect(Collectors.toList());
		assertEquals(List.of("COMMAND Analyze Microstructure=org.xrayseg.imagej1.CommandPlugin(\"microstructure\")",
			"COMMAND Compare Methods=org.xrayseg.imagej1.CommandPlugin(\"compare\")",
			"COMMAND Evaluate Segmentation=org.xrayseg.imagej1.CommandPlugin(\"evaluate\")",
			"COMMAND Learning Curve=org.xrayseg.imagej1.CommandPlugin(\"learning-curve\")",
			"COMMAND Noise Robustness=org.xrayseg.imagej1.CommandPlugin(\"noise-study\")",
			"COMMAND Segment=org.xrayseg.imagej1.SegmentPlugin",
			"COMMAND Slab Generalisation=org.xrayseg.imagej1.CommandPlugin(\"generalisation\")",
			"COMMAND Suggest Annotations=org.xrayseg.imagej1.SuggestionsPlugin",
			"COMMAND Synthetic Test Volume=org.xrayseg.imagej1.CommandPlugin(\"synthetic\")",
			"COMMAND Train Pix2Pix=org.xrayseg.imagej1.CommandPlugin(\"train-pix2pix\")",
			"COMMAND Train U-Net=org.xrayseg.imagej1.CommandPlugin(\"train-unet\")",
			"COMMAND Train from Annotations=org.xrayseg.imagej1.AnnotationsPlugin"), commands);
	}

	/** Runs ImageJ 1.54p in batch mode on {@code macro}; returns what it printed. */
	private static String runMacro(final Path macro, final String argument) throws Exception {
		final String log = ImageJBatch.run(imagej, List.of(), macro, argument, out.resolve(macro.getFileName() + ".log"),
			TIMEOUT_SECONDS);
		if (!macro.startsWith(out)) assertFalse(log.contains("error"), macro + " failed:\n" + log);
		return log.lines().filter(l -> !l.startsWith("[INFO] Epoch")).collect(Collectors.joining("\n"));
	}
}
