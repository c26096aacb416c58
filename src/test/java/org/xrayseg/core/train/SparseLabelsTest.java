package org.xrayseg.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import net.imglib2.img.array.ArrayImgs;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.xrayseg.MessageLog;
import org.xrayseg.Scribbles;
import org.xrayseg.TestData;
import org.xrayseg.core.data.LabelCoding;
import org.xrayseg.core.data.LabelledSlices;
import org.xrayseg.core.data.Normalization;
import org.xrayseg.core.data.SyntheticVolume;
import org.xrayseg.core.data.TrainingData;
import org.xrayseg.core.error.InvalidInputException;
import org.xrayseg.core.io.ImgSliceSource;
import org.xrayseg.core.io.SliceSource;
import org.xrayseg.core.metrics.ModelScorer;
import org.xrayseg.core.model.ModelFile;
import org.xrayseg.core.model.SegmentationModel;
import org.xrayseg.core.model.TrainingSummary;
import org.xrayseg.core.progress.ProgressListener;

/**
 * Training from what users have: strokes on a few slices (the rest
 * unlabelled), labels of some slices of a volume, and a model to continue.
 */
@Tag("trains")
class SparseLabelsTest {

	private static final int SIZE = 64;
	private static final SyntheticVolume.Volume VOLUME = SyntheticVolume.generate(8, SIZE, SIZE, 7);

	@Test
	void strokesCoveringFewPixelsTrainAModelOfEveryPhase() {
		final byte[][] strokes = new byte[6][];
		double share = 0;
		for (int z = 0; z < 6; z++) {
			strokes[z] = Scribbles.draw(Scribbles.classesOf(VOLUME.labels()[z]), SIZE, SIZE, 3, 2, 40, z);
			share += Scribbles.annotatedShare(strokes[z]) / 6;
		}
		assertTrue(share < 0.2, "strokes, not labels: " + share);
		final TrainingOptions options = TestData.tinyOptions(4, 20).withUnlabelled(Scribbles.UNLABELLED);
		try (SegmentationModel m = UNetTrainer.train(TrainingData.prepare(images(0, 6), stack(strokes), null, null,
			options.dataSettings(null), ProgressListener.NONE), options, ProgressListener.NONE))
		{
			assertArrayEquals(new int[] { 1, 2, 3 }, m.metadata().coding().codes(), "the unlabelled value is no phase");
			final TrainingSummary training = m.metadata().training();
			assertEquals(4, training.bestEpoch(), "sparse labels: every epoch trained, the last kept");
			final double spread = training.history().get(3).losses().get("point spread");
			assertTrue(spread >= 0.5 && spread <= 1.5, "the point spread of the synthetic volume (1 pixel) is found " +
				"from the strokes and the slices: " + spread);
			final double dice = ModelScorer.onSlices(m, images(6, 8), completeLabels(6, 8), ProgressListener.NONE, null)
				.meanDiceOverClasses();
			assertTrue(dice > 0.75, "held-out Dice from strokes: " + dice);
		}
	}

	@Test
	void strokesTrainTheSameModelTwiceFromOneSeed() {
		final byte[][] strokes = new byte[4][];
		for (int z = 0; z < 4; z++)
			strokes[z] = Scribbles.draw(Scribbles.classesOf(VOLUME.labels()[z]), SIZE, SIZE, 3, 2, 40, z);
		final TrainingOptions options = TestData.tinyOptions(2, 10).withUnlabelled(Scribbles.UNLABELLED);
		final byte[][] weights = new byte[2][];
		for (int run = 0; run < 2; run++)
			try (SegmentationModel m = UNetTrainer.train(TrainingData.prepare(images(0, 4), stack(strokes), null, null,
				options.dataSettings(null), ProgressListener.NONE), options, ProgressListener.NONE))
			{
				assertTrue(m.metadata().training().history().get(0).losses().containsKey("point spread"),
					"the image-formation fit is on");
				weights[run] = m.weights();
			}
		assertArrayEquals(weights[0], weights[1], "the point-spread estimate must not make training irreproducible");
	}

	@Test
	void unlabelledPixelsAreNeitherTrainedOnNorScored() {
		final byte[] classes = { 0, 1, LabelCoding.UNLABELLED, LabelCoding.UNLABELLED };
		final LabelledSlices one = new LabelledSlices(List.of(new LabelledSlices.Slice(new float[4], classes, 2, 2,
			"s")));
		final PatchSampler.Batch batch = new PatchSampler(one, 2, new PatchSampler.Augmentation(false, GreyAugmentation.NONE, 0,
			false), 1).next(1);
		final float[] oneHot = PreparedBatch.of(batch, 2).oneHot();
		float sum = 0;
		for (final float v : oneHot)
			sum += v;
		assertEquals(2, sum, "two annotated pixels, one class each; the others have none");
	}

	@Test
	void labelsOfSomeSlicesAreMatchedToTheirImagesAndNeighboursComeFromTheVolume() {
		final SliceSource volume = images(0, 8);
		final SliceSource two = stack(Scribbles.complete(Scribbles.classesOf(VOLUME.labels()[2])), Scribbles.complete(
			Scribbles.classesOf(VOLUME.labels()[5])));
		final TrainingData data = TrainingData.prepare(volume, two, null, null, new TrainingData.Settings(0.5, "auto",
			1, LabelCoding.NO_UNLABELLED, "3,6", null, null), ProgressListener.NONE);
		final LabelledSlices.Slice first = data.training().get(0);
		assertTrue(first.name().contains("3"), first.name());
		final float[] below = data.normalization().forSource(volume, ProgressListener.NONE).apply(1);
		assertArrayEquals(below, first.channel(0), "context from the unlabelled slice 2 of the volume");
		assertTrue(assertThrows(InvalidInputException.class, () -> TrainingData.prepare(volume, two, null, null,
			new TrainingData.Settings(0.5, "auto", 0, LabelCoding.NO_UNLABELLED, "3,6,7", null, null),
			ProgressListener.NONE)).getMessage().contains("labelled_slices lists 3 slices but"));
	}

	@Test
	void blankSlicesOfALabelStackAreLeftOut() {
		final byte[][] labels = new byte[8][SIZE * SIZE];
		labels[1] = Scribbles.complete(Scribbles.classesOf(VOLUME.labels()[1]));
		labels[6] = Scribbles.complete(Scribbles.classesOf(VOLUME.labels()[6]));
		final TrainingData data = TrainingData.prepare(images(0, 8), stack(labels), null, null, new TrainingData.Settings(
			0.5, "auto", 0, Scribbles.UNLABELLED, null, null, null), ProgressListener.NONE);
		assertEquals(1, data.training().size());
		assertEquals(1, data.validation().size());
		assertTrue(data.validation().get(0).name().contains("7"), data.validation().get(0).name());
	}

	@Test
	void badSparseLabelsAreRefusedInOneLine() {
		assertTrue(message(() -> TrainingData.prepare(images(0, 2), stack(new byte[SIZE * SIZE], new byte[SIZE *
			SIZE]), null, null, new TrainingData.Settings(0.5, "auto", 0, 0, null, null, null), ProgressListener.NONE))
				.contains("annotate no pixel: every pixel holds the unlabelled value 0"));
		final byte[] strokes = Scribbles.draw(Scribbles.classesOf(VOLUME.labels()[0]), SIZE, SIZE, 3, 2, 40, 1);
		final TrainingData sparse = TrainingData.prepare(images(0, 1), stack(strokes), null, null,
			new TrainingData.Settings(0.2, "auto", 0, 0, null, null, null), ProgressListener.NONE);
		assertTrue(message(() -> Pix2PixTrainer.train(sparse, Pix2PixOptions.defaults(TestData.tinyOptions(1, 1)),
			null, ProgressListener.NONE)).startsWith("Pix2Pix needs complete labels"));
	}

	@Test
	void anInitialModelIsTheStartingPointAndMustHaveTheSamePhases() {
		final Path initial = TestData.model();
		final TrainingOptions options = TestData.tinyOptions(1, 2).withLearningRate(1e-4).withInitialModel(initial
			.toString());
		final MessageLog messages = new MessageLog();
		final SliceSource images = images(0, 6);
		final SliceSource labels = syntheticLabels(0, 6);
		final TrainingData data = TrainingData.prepare(images, labels, null, null, options.dataSettings(
			InitialModel.metadata(options)), messages);
		try (SegmentationModel tuned = UNetTrainer.train(data, options, null, messages)) {
			final String start = messages.startingWith("Initial model: validation Dice");
			assertTrue(Double.parseDouble(start.replaceAll(".* ", "")) > 0.8, "the trained weights are loaded: " + start);
			final String kept = "Normalisation kept from the initial model: " + ModelFile.readMetadata(initial)
				.normalization().describe();
			assertTrue(messages.lines().contains("  " + kept), "a reason of the plan: " + messages);
			assertTrue(tuned.metadata().plan().reasons().contains(kept), tuned.metadata().plan().reasons().toString());
		}
		final byte[] other = VOLUME.labels()[0].clone();
		other[0] = 9;
		assertTrue(message(() -> TrainingData.prepare(images(0, 1), stack(other), null, null, options.dataSettings(
			InitialModel.metadata(options)), ProgressListener.NONE)).contains(
				"holds the label value 9, which is not a phase of the initial model (its phases: 0, 128, 255)"));
		final TrainingData recoded = TrainingData.prepare(images, completeLabels(0, 6), null, null, options
			.dataSettings(null), ProgressListener.NONE);
		assertTrue(message(() -> UNetTrainer.train(recoded, options, null, ProgressListener.NONE)).contains(
			"segments the phases 0, 128, 255, but the labels hold 1, 2, 3: an initial model must have the same phases"));
		assertTrue(message(() -> Pix2PixTrainer.train(data, Pix2PixOptions.defaults(options), null,
			ProgressListener.NONE)).contains("is a U-Net, depth 2, 16 filters, 3 classes, not a Pix2Pix generator"));
	}

	@Test
	void theInitialModelsNormalisationIsRefittedOnlyToUnlikeGreyValues() {
		final TrainingOptions options = TestData.tinyOptions(1, 1).withInitialModel(TestData.model().toString());
		final Normalization reference = InitialModel.metadata(options).normalization();
		assertEquals(reference.describe(), TrainingData.prepare(images(0, 2), syntheticLabels(0, 2), null, null, options
			.dataSettings(InitialModel.metadata(options)), ProgressListener.NONE).normalization().describe());
		final short[][] dim = new short[2][SIZE * SIZE];
		for (int z = 0; z < 2; z++)
			for (int i = 0; i < SIZE * SIZE; i++)
				dim[z][i] = (short) ((VOLUME.images()[z][i] & 0xffff) / 40);
		final Normalization refitted = TrainingData.prepare(shorts(dim), syntheticLabels(0, 2), null, null, options
			.dataSettings(InitialModel.metadata(options)), ProgressListener.NONE).normalization();
		assertTrue(refitted.high() < reference.low(), refitted + " for grey values 40 times lower than " + reference);
	}

	private static String message(final Runnable r) {
		return assertThrows(InvalidInputException.class, r::run).getMessage();
	}

	private static SliceSource images(final int from, final int to) {
		final short[][] s = new short[to - from][];
		for (int z = from; z < to; z++)
			s[z - from] = VOLUME.images()[z];
		return shorts(s);
	}

	private static SliceSource shorts(final short[][] slices) {
		final short[] all = new short[slices.length * SIZE * SIZE];
		for (int z = 0; z < slices.length; z++)
			System.arraycopy(slices[z], 0, all, z * SIZE * SIZE, SIZE * SIZE);
		return new ImgSliceSource(ArrayImgs.unsignedShorts(all, SIZE, SIZE, slices.length), "images.tif");
	}

	private static SliceSource syntheticLabels(final int from, final int to) {
		final byte[][] s = new byte[to - from][];
		for (int z = from; z < to; z++)
			s[z - from] = VOLUME.labels()[z];
		return stack(s);
	}

	private static SliceSource completeLabels(final int from, final int to) {
		final byte[][] s = new byte[to - from][];
		for (int z = from; z < to; z++)
			s[z - from] = Scribbles.complete(Scribbles.classesOf(VOLUME.labels()[z]));
		return stack(s);
	}

	private static SliceSource stack(final byte[]... slices) {
		final byte[] all = new byte[slices.length * SIZE * SIZE];
		for (int z = 0; z < slices.length; z++)
			System.arraycopy(slices[z], 0, all, z * SIZE * SIZE, SIZE * SIZE);
		return new ImgSliceSource(ArrayImgs.unsignedBytes(all, SIZE, SIZE, slices.length), "labels.tif");
	}
}
