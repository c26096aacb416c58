package org.xrayseg.core.annotate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import ai.djl.Device;
import net.imglib2.img.array.ArrayImgs;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xrayseg.MessageLog;
import org.xrayseg.Scribbles;
import org.xrayseg.TestData;
import org.xrayseg.core.data.SyntheticVolume;
import org.xrayseg.core.error.InvalidInputException;
import org.xrayseg.core.io.SliceInput;
import org.xrayseg.core.model.ModelFile;
import org.xrayseg.core.model.SegmentationModel;
import org.xrayseg.core.progress.ProgressListener;
import org.xrayseg.core.train.TrainingOptions;

/** "Train from Annotations" as a user runs it twice: strokes, a segmentation, more strokes, a refined model. */
@Tag("trains")
class AnnotationRunTest {

	private static final int SIZE = 64;
	private static final int SLICES = 6;

	@TempDir
	Path dir;

	@Test
	void aSecondRunContinuesFromTheFirstRunsModelAndKeepsIt() {
		final SyntheticVolume.Volume v = SyntheticVolume.generate(SLICES, SIZE, SIZE, 5);
		final short[] pixels = new short[SLICES * SIZE * SIZE];
		final byte[] strokes = new byte[SLICES * SIZE * SIZE];
		for (int z = 0; z < SLICES; z++) {
			System.arraycopy(v.images()[z], 0, pixels, z * SIZE * SIZE, SIZE * SIZE);
			if (z % 2 == 0) System.arraycopy(Scribbles.draw(Scribbles.classesOf(v.labels()[z]), SIZE, SIZE, 3, 2, 30, z),
				0, strokes, z * SIZE * SIZE, SIZE * SIZE);
		}
		final SliceInput image = new SliceInput("input", null, ArrayImgs.unsignedShorts(pixels, SIZE, SIZE, SLICES));
		final SliceInput annotations = new SliceInput("annotations", null, ArrayImgs.unsignedBytes(strokes, SIZE, SIZE,
			SLICES));
		final TrainingOptions options = TestData.tinyOptions(2, 10).withUnlabelled(Scribbles.UNLABELLED);
		final File model = dir.resolve("scribbles.xrsm").toFile();
		final MessageLog first = new MessageLog();
		final AnnotationRun.Result r1 = AnnotationRun.run(image, annotations, List.of("pore", "nickel", "YSZ"), options,
			new AnnotationRun.Files(model, false, false, null, false), first);
		assertTrue(model.isFile());
		assertEquals(SLICES, r1.segmentation().labels().dimension(2), "every slice is segmented");
		assertEquals("1 pore, 2 nickel, 3 YSZ", r1.segmentation().coding().legend());
		assertEquals(null, first.startingWith("Continuing"), first.toString());

		// the model may be an ensemble (trained by train-unet with folds): training continues from its first network
		final SegmentationModel one = ModelFile.load(model.toPath(), Device.cpu());
		try (SegmentationModel ensemble = SegmentationModel.ensemble(List.of(one, ModelFile.load(model.toPath(), Device
			.cpu())), one.metadata().asEnsemble(2, null)))
		{
			ModelFile.save(ensemble, model.toPath(), true);
		}
		final MessageLog second = new MessageLog();
		final AnnotationRun.Result r2 = AnnotationRun.run(image, annotations, List.of("pore", "nickel", "YSZ"), options,
			new AnnotationRun.Files(model, false, false, null, false), second);
		assertTrue(second.startingWith("Initial model: validation Dice") != null, second.toString());
		assertTrue(second.lines().contains("Continuing from the weights of " + dir.resolve("scribbles.previous.xrsm") +
			" (the first network of its ensemble)"), second.toString());
		assertTrue(Files.isRegularFile(dir.resolve("scribbles.previous.xrsm")), "the model before the run is kept");
		assertArrayEquals(new int[] { 1, 2, 3 }, ModelFile.readMetadata(model.toPath()).labelCodes());
		assertEquals(r1.segmentation().coding().legend(), r2.segmentation().coding().legend());

		final MessageLog third = new MessageLog();
		AnnotationRun.run(image, annotations, null, options, new AnnotationRun.Files(model, true, false, dir.resolve(
			"labels.tif").toFile(), false), third);
		assertEquals(null, third.startingWith("Continuing"), "start_over trains afresh");
		assertTrue(Files.isRegularFile(dir.resolve("labels.tif")));
		assertTrue(assertThrows(InvalidInputException.class, () -> AnnotationRun.run(image, annotations, null, options,
			new AnnotationRun.Files(model, false, false, dir.resolve("labels.tif").toFile(), false), ProgressListener.NONE))
				.getMessage().contains(
				"exists"), "an existing output is refused before any training");
	}
}
