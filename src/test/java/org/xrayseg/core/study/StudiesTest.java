package org.xrayseg.core.study;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import ai.djl.Device;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xrayseg.MessageLog;
import org.xrayseg.TestData;
import org.xrayseg.core.data.TrainingInputs;
import org.xrayseg.core.error.InvalidInputException;
import org.xrayseg.core.io.FileSliceSource;
import org.xrayseg.core.io.SliceInput;
import org.xrayseg.core.metrics.ModelScorer;
import org.xrayseg.core.metrics.SegmentationScores;
import org.xrayseg.core.model.ModelFile;
import org.xrayseg.core.model.SegmentationModel;
import org.xrayseg.core.progress.ProgressListener;
import org.xrayseg.core.report.ResultTable;
import org.xrayseg.core.train.NetworkType;

@Tag("trains")
class StudiesTest {

	@TempDir
	Path dir;

	@Test
	void learningCurveSubsetsAreEvenlySpacedTrainingSlicesOnly() {
		for (int n = 1; n <= 40; n++) {
			for (final double f : new double[] { 0.1, 0.25, 0.5, 0.9, 1 }) {
				final int[] s = LearningCurveRun.subset(n, f);
				assertEquals(Math.max(1, Math.min(n, (int) Math.round(f * n))), s.length);
				final Set<Integer> distinct = new HashSet<>();
				for (final int i : s) {
					assertTrue(i >= 0 && i < n, "index " + i + " of " + n);
					distinct.add(i);
				}
				assertEquals(s.length, distinct.size());
			}
		}
		assertArrayEquals(new int[] { 1, 5, 8 }, LearningCurveRun.subset(10, 0.3));
	}

	@Test
	void learningCurveScoresOnlyOnTheTestSlabAndResumeSkipsFinishedSteps() throws Exception {
		final Path data = TestData.volume();
		final TrainingInputs training = new TrainingInputs(SliceInput.file("images", data.resolve("train/images")
			.toFile()), SliceInput.file("labels", data.resolve("train/labels").toFile()), SliceInput.file("v", null),
			SliceInput.file("w", null));
		final LearningCurveRun curve = new LearningCurveRun(training, SliceInput.file("t", data.resolve("test/images")
			.toFile()), SliceInput.file("u", data.resolve("test/labels").toFile()), NetworkType.UNET, TestData
				.tinyOptions(1, 2), new double[] { 0.5, 1 });
		final File out = dir.resolve("curve").toFile();
		final MessageLog log = new MessageLog();
		final List<String> messages = log.lines();
		final ResultTable table = curve.run(out, false, false, log).table();
		assertEquals(2, table.rowCount());
		assertEquals(3.0, (Double) table.get(0, "slices"), "half of the 5 training slices (1 validates), rounded");
		assertTrue(Files.size(out.toPath().resolve("learning-curve.png")) > 1000);
		final FileTime before = Files.getLastModifiedTime(out.toPath().resolve("steps/fraction-050.json"));

		messages.clear();
		final ResultTable again = curve.run(out, true, false, log).table();
		assertEquals(2, messages.stream().filter(m -> m.endsWith("done before, skipped")).count(), messages.toString());
		assertEquals(before, Files.getLastModifiedTime(out.toPath().resolve("steps/fraction-050.json")));
		assertEquals(table.toCsv(), again.toCsv());
		assertThrows(InvalidInputException.class, () -> curve.run(out, false, false, log),
			"an earlier study is never replaced silently");

		final LearningCurveRun onTraining = new LearningCurveRun(training, SliceInput.file("t", data.resolve("train/images")
			.toFile()), SliceInput.file("u", data.resolve("train/labels").toFile()), NetworkType.UNET, TestData
				.tinyOptions(1, 2), new double[] { 1 });
		assertTrue(assertThrows(InvalidInputException.class, () -> onTraining.run(dir.resolve("bad").toFile(), false,
			false, log)).getMessage().contains("are (among) the training slices"));
	}

	@Test
	void noiseOfLevelZeroGivesExactlyTheCleanResult() {
		final Path data = TestData.volume();
		final SliceInput images = SliceInput.file("t", data.resolve("test/images").toFile());
		final SliceInput labels = SliceInput.file("u", data.resolve("test/labels").toFile());
		final StudyReport report = new NoiseStudyRun(List.of(TestData.model().toFile()), images, labels, new double[] { 0,
			0.3 }, 1, "cpu").run(dir.resolve("noise").toFile(), false, false, ProgressListener.NONE);
		final SegmentationScores clean;
		try (SegmentationModel m = ModelFile.load(TestData.model(), Device.cpu());
			FileSliceSource i = FileSliceSource.open(data.resolve("test/images"));
			FileSliceSource l = FileSliceSource.open(data.resolve("test/labels")))
		{
			clean = ModelScorer.onSlices(m, i, l, ProgressListener.NONE, null);
		}
		final ResultTable t = report.table();
		assertEquals(4, t.rowCount(), "gaussian and poisson at two levels");
		for (final int row : new int[] { 0, 2 }) {
			assertEquals(0.0, (Double) t.get(row, "level"));
			assertEquals(clean.meanDiceOverClasses(), (Double) t.get(row, "Dice mean"));
			assertEquals(clean.meanDice(1), (Double) t.get(row, "Dice 128"));
		}
		assertTrue((Double) t.get(1, "Dice mean") < clean.meanDiceOverClasses(), "strong noise costs accuracy");
	}

	@Test
	void generalisationScoresEachFollowingSlab() {
		final Path data = TestData.volume();
		final StudyReport report = new GeneralisationRun(SliceInput.file("i", data.resolve("train/images").toFile()),
			SliceInput.file("l", data.resolve("train/labels").toFile()), 1, 2, 2, SliceInput.file("o", data.resolve(
				"test/images").toFile()), SliceInput.file("p", data.resolve("test/labels").toFile()), NetworkType.UNET,
			TestData.tinyOptions(1, 2)).run(dir.resolve("slabs").toFile(), false, false, ProgressListener.NONE);
		final ResultTable t = report.table();
		assertEquals(3, t.rowCount(), "slices 3-4, 5-6, and the other volume");
		assertEquals(3.0, (Double) t.get(0, "first slice"));
		assertEquals(2.0, (Double) t.get(0, "distance"));
		assertEquals(4.0, (Double) t.get(1, "distance"));
		assertEquals("other volume", t.get(2, "test"));
		assertTrue(Files.isRegularFile(dir.resolve("slabs/model.xrsm")));
	}
}
