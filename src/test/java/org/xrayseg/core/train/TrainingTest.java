package org.xrayseg.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import net.imglib2.img.array.ArrayImgs;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xrayseg.TestData;
import org.xrayseg.core.data.LabelledSlices;
import org.xrayseg.core.data.TrainingData;
import org.xrayseg.core.data.TrainingInputs;
import org.xrayseg.core.error.CancelledException;
import org.xrayseg.core.error.InvalidInputException;
import org.xrayseg.core.io.FileSliceSource;
import org.xrayseg.core.io.ImgSliceSource;
import org.xrayseg.core.io.SliceInput;
import org.xrayseg.core.model.SegmentationModel;
import org.xrayseg.core.progress.ProgressListener;

@Tag("trains")
class TrainingTest {

	@TempDir
	Path dir;

	@Test
	void validationIsASlabOffTheEnd() {
		final List<LabelledSlices.Slice> slices = new ArrayList<>();
		for (int i = 0; i < 10; i++)
			slices.add(new LabelledSlices.Slice(new float[4], new byte[4], 2, 2, "s" + i));
		final LabelledSlices[] split = new LabelledSlices(slices).splitSlab(0.2);
		assertEquals(8, split[0].size());
		assertEquals(List.of("s8", "s9"), List.of(split[1].get(0).name(), split[1].get(1).name()));
		final LabelledSlices one = new LabelledSlices(List.of(new LabelledSlices.Slice(new float[100], new byte[100], 10, 10,
			"only")));
		final LabelledSlices[] rows = one.splitSlab(0.2);
		assertEquals(8, rows[0].get(0).height());
		assertEquals(2, rows[1].get(0).height());
	}

	@Test
	void augmentedPatchesKeepPixelsAndLabelsTogetherAndRepeatWithTheSeed() {
		final float[] pixels = new float[32 * 32];
		final byte[] classes = new byte[32 * 32];
		for (int i = 0; i < pixels.length; i++) {
			classes[i] = (byte) (i * 7 % 3);
			pixels[i] = classes[i] + 10 * (i % 32) + 1000 * (i / 32);
		}
		final LabelledSlices set = new LabelledSlices(List.of(new LabelledSlices.Slice(pixels, classes, 32, 32, "s")));
		final PatchSampler.Batch a = new PatchSampler(set, 16, PatchSampler.Augmentation.geometric(true), 5).next(6);
		final PatchSampler.Batch b = new PatchSampler(set, 16, PatchSampler.Augmentation.geometric(true), 5).next(6);
		assertArrayEquals(a.pixels(), b.pixels());
		for (int i = 0; i < a.pixels().length; i++)
			assertEquals(a.classes()[i], (int) a.pixels()[i] % 10);
		final PreparedBatch ready = PreparedBatch.of(a, 3);
		for (int n = 0; n < 6; n++)
			for (int i = 0; i < 256; i++) {
				// channels-last (N, P, P, C): the pixel's value and its class's one-hot entry
				assertEquals(a.pixels()[n * 256 + i], ready.pixels()[n * 256 + i]);
				assertEquals(1f, ready.oneHot()[(n * 256 + i) * 3 + a.classes()[n * 256 + i]]);
			}
	}

	@Test
	void mismatchedInputsNameBothSides() {
		final ImgSliceSource images = new ImgSliceSource(ArrayImgs.unsignedShorts(8, 8, 3), "scan.tif");
		assertEquals("scan.tif has 3 slices but labels.tif has 2: label every slice, give labelled_slices= (the image slice of " +
			"each label slice, e.g. labelled_slices=10,250,900), or use folders whose files are named alike",
			assertThrows(InvalidInputException.class, () -> TrainingData.prepare(images, labels(8, 8, 2, "labels.tif"),
				null, null, TrainingData.Settings.of(0.2), ProgressListener.NONE)).getMessage());
		final ImgSliceSource small = labels(6, 8, 3, "small.tif");
		assertEquals("small.tif, slice 1 is 6x8 but scan.tif, slice 1 is 8x8", assertThrows(
			InvalidInputException.class, () -> TrainingData.prepare(images, small, null, null, TrainingData.Settings.of(0.2), ProgressListener.NONE)).getMessage());
	}

	@Test
	void nanPixelsAndConstantImagesAreRefused() {
		final float[] data = new float[64];
		data[10] = Float.NaN;
		assertEquals("nan.tif holds a NaN value at x=2, y=1: replace such pixels first", assertThrows(
			InvalidInputException.class, () -> TrainingData.prepare(new ImgSliceSource(ArrayImgs.floats(data, 8, 8),
				"nan.tif"), labels(8, 8, 1, "l.tif"), null, null, TrainingData.Settings.of(0.2), ProgressListener.NONE)).getMessage());
		assertTrue(assertThrows(InvalidInputException.class, () -> TrainingData.prepare(new ImgSliceSource(ArrayImgs
			.floats(new float[64], 8, 8), "flat.tif"), labels(8, 8, 1, "l.tif"), null, null, TrainingData.Settings.of(0.2), ProgressListener.NONE)).getMessage().contains("are constant"));
	}

	@Test
	void patchLargerThanTheImagesIsRefused() {
		final Path data = TestData.volume();
		final TrainingOptions options = TrainingOptions.defaults().withEpochs(1).withStepsPerEpoch(1).withBatchSize(2).withPatchSize(128)
			.withNetwork(2, 16).withValidationFraction(0.2).withTileSize(0).withSeed(1).withDevice("cpu");
		try (FileSliceSource im = FileSliceSource.open(data.resolve("train/images"));
			FileSliceSource lb = FileSliceSource.open(data.resolve("train/labels")))
		{
			assertEquals("patch_size 128 is larger than the training images (64x64): use patch_size=64 or less",
				assertThrows(InvalidInputException.class, () -> TestData.trainUNet(im, lb, options)).getMessage());
		}
		assertEquals("epochs must be auto or 1 to " + TrainingOptions.MAX_EPOCHS + ", not 0", assertThrows(
			InvalidInputException.class, () -> TrainingOptions.defaults().withEpochs(0).withStepsPerEpoch(1).withBatchSize(2).withPatchSize(32)
			.withNetwork(2, 16).withValidationFraction(0.2).withTileSize(0).withSeed(1).withDevice("cpu").validate()).getMessage());
		assertEquals("base_filters must be a multiple of 16 (16, 32, 48, ...), not 24: other widths make PyTorch's " +
			"CPU convolutions compute wrong gradients on some processors", assertThrows(InvalidInputException.class,
				() -> TrainingOptions.defaults().withEpochs(1).withStepsPerEpoch(1).withBatchSize(2).withPatchSize(32)
			.withNetwork(2, 24).withValidationFraction(0.2).withTileSize(0).withSeed(1).withDevice("cpu").validate())
					.getMessage());
		assertEquals("discriminator_filters must be a multiple of 16 (16, 32, 48, ...), not 4: other widths make " +
			"PyTorch's CPU convolutions compute wrong gradients on some processors", assertThrows(
				InvalidInputException.class, () -> new Pix2PixOptions(TestData.tinyOptions(1, 1), 2e-4, 0.9, 100, 1, 0,
					4).validate()).getMessage());
		assertEquals("patch_size must be a positive multiple of 2^depth = 4 (or auto), not 30", assertThrows(
			InvalidInputException.class, () -> TrainingOptions.defaults().withEpochs(1).withStepsPerEpoch(1).withBatchSize(2).withPatchSize(30)
			.withNetwork(2, 16).withValidationFraction(0.2).withTileSize(0).withSeed(1).withDevice("cpu").validate()).getMessage());
	}

	@Test
	void theSameSeedGivesTheSameModelInEitherPrecision() {
		assertArrayEquals(trainWeights(9, "float32"), trainWeights(9, "float32"));
		assertArrayEquals(trainWeights(9, "bfloat16"), trainWeights(9, "bfloat16"));
	}

	@Test
	void cancelledTrainingWritesNoModel() {
		final Path data = TestData.volume();
		final File model = dir.resolve("model.xrsm").toFile();
		final AtomicInteger updates = new AtomicInteger();
		final ProgressListener cancelSoon = new ProgressListener() {

			@Override
			public void update(final String status, final long done, final long total) {
				updates.incrementAndGet();
			}

			@Override
			public boolean isCancelled() {
				return updates.get() > 15;
			}
		};
		final TrainingInputs files = new TrainingInputs(SliceInput.file("images", data.resolve("train/images")
			.toFile()), SliceInput.file("labels", data.resolve("train/labels").toFile()), SliceInput.file("v", null),
			SliceInput.file("w", null));
		assertThrows(CancelledException.class, () -> TrainingRun.run(files, TestData.tinyOptions(2, 10), model, null, false, false,
			UNetTrainer.of(TestData.tinyOptions(2, 10)), cancelSoon));
		assertFalse(model.exists());
		assertEquals(0, dir.toFile().list().length);
	}

	private static byte[] trainWeights(final long seed, final String precision) {
		final Path data = TestData.volume();
		final TrainingOptions o = TrainingOptions.defaults().withEpochs(1).withStepsPerEpoch(3).withBatchSize(2).withPatchSize(32)
			.withNetwork(2, 16).withValidationFraction(0.2).withTileSize(0).withSeed(seed).withDevice("cpu")
			.withPrecision(precision);
		try (FileSliceSource im = FileSliceSource.open(data.resolve("train/images"));
			FileSliceSource lb = FileSliceSource.open(data.resolve("train/labels"));
			SegmentationModel m = TestData.trainUNet(im, lb, o))
		{
			return m.weights();
		}
	}

	private static ImgSliceSource labels(final int w, final int h, final int n, final String name) {
		final byte[] data = new byte[w * h * n];
		for (int i = 0; i < data.length; i++)
			data[i] = (byte) (i % 2);
		return new ImgSliceSource(ArrayImgs.unsignedBytes(data, w, h, n), name);
	}
}
