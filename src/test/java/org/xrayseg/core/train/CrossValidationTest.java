package org.xrayseg.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import ai.djl.Device;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.xrayseg.MessageLog;
import org.junit.jupiter.api.io.TempDir;
import org.xrayseg.TestData;
import org.xrayseg.core.data.LabelledSlices;
import org.xrayseg.core.data.TrainingInputs;
import org.xrayseg.core.error.CancelledException;
import org.xrayseg.core.io.SliceInput;
import org.xrayseg.core.model.ModelFile;
import org.xrayseg.core.model.SegmentationModel;
import org.xrayseg.core.progress.ProgressListener;

/**
 * Cross-validation ensembles: folds hold out slabs of every kind of image,
 * and a run stopped in the middle of a fold resumes to the very ensemble an
 * uninterrupted run trains.
 */
@Tag("trains")
class CrossValidationTest {

	@TempDir
	Path dir;

	@Test
	void foldsHoldOutSlabsOfEveryGroupAndEachSliceOnce() {
		final List<LabelledSlices.Slice> slices = new ArrayList<>();
		for (int i = 0; i < 12; i++)
			slices.add(new LabelledSlices.Slice(new float[4], new byte[4], 2, 2, "s" + i));
		final LabelledSlices all = new LabelledSlices(slices);
		// two scans: 9 slices and 3 slices
		final List<List<Integer>> groups = List.of(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8), List.of(9, 10, 11));
		assertEquals(List.of(0, 1, 2, 9), all.foldPositions(0, 3, groups));
		assertEquals(List.of(3, 4, 5, 10), all.foldPositions(1, 3, groups));
		assertEquals(List.of(6, 7, 8, 11), all.foldPositions(2, 3, groups));
		// a group smaller than the folds goes round them
		final List<List<Integer>> small = List.of(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), List.of(10, 11));
		assertEquals(List.of(0, 1, 10), all.foldPositions(0, 5, small));
		assertEquals(List.of(2, 3, 11), all.foldPositions(1, 5, small));
		assertEquals(List.of(8, 9), all.foldPositions(4, 5, small));
	}

	@Test
	void aRunStoppedInTheMiddleOfAFoldResumesToTheSameEnsemble() throws Exception {
		final TrainingOptions options = TestData.tinyOptions(2, 3).withFolds(2);
		final Path whole = dir.resolve("whole.xrsm");
		TrainingRun.run(inputs(), options, whole.toFile(), null, false, false, UNetTrainer.of(options),
			ProgressListener.NONE);
		final Path stopped = dir.resolve("stopped.xrsm");
		final boolean[] stop = new boolean[1];
		final ProgressListener stopInFoldTwo = new ProgressListener() {

			@Override
			public void update(final String status, final long done, final long total) {}

			@Override
			public void message(final String line) {
				if (line.startsWith("Fold 2: Epoch 1/2:")) stop[0] = true;
			}

			@Override
			public boolean isCancelled() {
				return stop[0];
			}
		};
		assertThrows(CancelledException.class, () -> TrainingRun.run(inputs(), options, stopped.toFile(), null, false,
			false, UNetTrainer.of(options), stopInFoldTwo));
		assertTrue(Files.isRegularFile(dir.resolve("stopped.xrsm.fold1.xrsm")), "fold 1 is kept");
		assertTrue(Files.isRegularFile(dir.resolve("stopped.xrsm.fold2.checkpoint")), "fold 2 stopped");
		final MessageLog log = new MessageLog();
		TrainingRun.run(inputs(), options, stopped.toFile(), null, false, true, UNetTrainer.of(options), log);
		final List<String> lines = log.lines();
		assertTrue(lines.stream().anyMatch(l -> l.startsWith("Fold 1/2: trained before, read from")), lines
			.toString());
		assertTrue(lines.stream().anyMatch(l -> l.startsWith("Resuming after epoch 1 of 2")), lines.toString());
		assertTrue(lines.stream().anyMatch(l -> l.startsWith("Cross-validated Dice (each slice segmented by the " +
			"network that did not see it): code 0 ")), lines.toString());
		try (SegmentationModel a = ModelFile.load(whole, Device.cpu()); SegmentationModel b = ModelFile.load(stopped,
			Device.cpu()))
		{
			assertEquals(2, a.blocks().size());
			for (int n = 0; n < 2; n++)
				assertArrayEquals(a.networkWeights().get(n), b.networkWeights().get(n), "network " + (n + 1));
			assertArrayEquals(a.metadata().crossValidation().diceMean(), b.metadata().crossValidation().diceMean());
		}
		assertEquals(List.of("stopped.xrsm", "whole.xrsm"), Files.list(dir).map(p -> p.getFileName().toString())
			.sorted().toList(), "nothing else is left");
	}

	private static TrainingInputs inputs() {
		final Path data = TestData.volume();
		return new TrainingInputs(SliceInput.file("images", data.resolve("train/images").toFile()), SliceInput.file(
			"labels", data.resolve("train/labels").toFile()), SliceInput.file("validation_images", null), SliceInput
				.file("validation_labels", null));
	}
}
