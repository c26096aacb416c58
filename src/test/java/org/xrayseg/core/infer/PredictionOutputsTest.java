package org.xrayseg.core.infer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import ai.djl.Device;

import ij.IJ;
import ij.ImagePlus;

import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.ShortArray;
import net.imglib2.type.numeric.integer.UnsignedShortType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xrayseg.core.convert.Pixels;
import org.xrayseg.core.data.LabelCoding;
import org.xrayseg.core.data.Normalization;
import org.xrayseg.core.error.InvalidInputException;
import org.xrayseg.core.io.FileSliceSource;
import org.xrayseg.core.io.ImgSliceSource;
import org.xrayseg.core.model.Calibration;
import org.xrayseg.core.model.ModelMetadata;
import org.xrayseg.core.model.NetworkSpec;
import org.xrayseg.core.model.SegmentationModel;
import org.xrayseg.core.progress.ProgressListener;

/**
 * What Segment writes besides the labels: the calibrated probabilities as a
 * hyperstack of one channel per phase, the confidence maps and the quality
 * table; the labels stay those written without them.
 */
class PredictionOutputsTest {

	private static final int W = 40;
	private static final int H = 32;
	private static final int SLICES = 4;

	@TempDir
	Path dir;

	@Test
	void probabilitiesConfidenceAndQualityAreWrittenAndTheLabelsStayTheSame() throws Exception {
		final ImgSliceSource volume = volume();
		try (SegmentationModel model = model(2.0)) {
			final VolumeSegmenter segmenter = new VolumeSegmenter(model, 0, 0, 1, false, Precision.FLOAT32);
			segmenter.toFiles(volume, dir.resolve("plain"), false, ProgressListener.NONE);
			final PredictionOutputs extra = PredictionOutputs.of(dir.resolve("p.tif"), "32-bit", dir.resolve("c"),
				"margin", dir.resolve("q.csv"));
			final QualityTable quality;
			try (PredictionWriter writer = new PredictionWriter(model, volume, extra, false)) {
				segmenter.toFiles(volume, dir.resolve("labels"), false, ProgressListener.NONE, writer);
				quality = writer.commit();
			}
			try (FileSliceSource plain = FileSliceSource.open(dir.resolve("plain"));
				FileSliceSource labels = FileSliceSource.open(dir.resolve("labels"));
				FileSliceSource confidence = FileSliceSource.open(dir.resolve("c")))
			{
				assertEquals(SLICES, confidence.size());
				for (int z = 0; z < SLICES; z++) {
					assertArrayEquals(Pixels.toFloats(plain.slice(z)), Pixels.toFloats(labels.slice(z)), "slice " + z);
					for (final float v : Pixels.toFloats(confidence.slice(z)))
						assertTrue(v >= 0 && v <= 1, "a margin lies in 0..1: " + v);
				}
			}
			final ImagePlus p = IJ.openImage(dir.resolve("p.tif").toString());
			assertEquals(3, p.getNChannels(), "one channel per phase");
			assertEquals(SLICES, p.getNSlices());
			for (int z = 1; z <= SLICES; z++) {
				final float[][] channel = new float[3][];
				for (int c = 1; c <= 3; c++)
					channel[c - 1] = (float[]) p.getStack().getPixels(p.getStackIndex(c, z, 1));
				for (int i = 0; i < W * H; i++)
					assertEquals(1, channel[0][i] + channel[1][i] + channel[2][i], 1e-5, "probabilities sum to 1");
			}
			assertEquals(SLICES + 1, Files.readAllLines(dir.resolve("q.csv")).size(), "a header and a row per slice");
			assertTrue(Files.size(dir.resolve("q.png")) > 1000, "the plot beside the table");
			assertEquals(SLICES, quality.size());
		}
	}

	@Test
	void theModelsTemperatureSoftensOrSharpensTheProbabilitiesButNeverChangesTheChosenPhase() {
		final ImgSliceSource volume = volume();
		try (SegmentationModel model = model(1.0)) {
			final VolumeSegmenter segmenter = new VolumeSegmenter(model, 0, 0, 1, false, Precision.FLOAT32);
			final VolumeSegmenter.Prediction plain;
			try (VolumeSegmenter.Part part = segmenter.open(volume, ProgressListener.NONE)) {
				plain = part.predict(1, ProgressListener.NONE);
			}
			model.setMetadata(model.metadata().withCalibration(new Calibration(3, 0.2, 0.01, 100)));
			try (VolumeSegmenter.Part part = segmenter.open(volume, ProgressListener.NONE)) {
				final VolumeSegmenter.Prediction hot = part.predict(1, ProgressListener.NONE);
				assertArrayEquals(plain.classes(), hot.classes());
				final float[] expected = plain.probabilities().clone();
				Calibration.apply(expected, 3, 3);
				assertArrayEquals(expected, hot.probabilities(), 1e-6f);
			}
		}
	}

	@Test
	void aNetworkThatSeesNeighbouringSlicesWithTestTimeAugmentationGivesTheSameLabelsAndProbabilitiesThatSumToOne()
		throws Exception
	{
		final ImgSliceSource volume = volume();
		try (SegmentationModel model = SegmentationModel.create(ModelMetadata.create(NetworkSpec.unet(2, 16, 3)
			.withContext(1), new LabelCoding(new int[] { 0, 128, 255 }), new Normalization(Normalization.Mode.PER_IMAGE,
				0, 65535), 32, null).withCalibration(new Calibration(1.5, 0.1, 0.01, 10)), Device.cpu()))
		{
			model.initialize();
			final VolumeSegmenter segmenter = new VolumeSegmenter(model, 32, 16, 2, true, Precision.FLOAT32);
			final List<byte[]> plain = new java.util.ArrayList<>();
			segmenter.run(volume, ProgressListener.NONE, (i, labels) -> plain.add((byte[]) Pixels.storage(labels)));
			segmenter.runPredictions(volume, ProgressListener.NONE, (i, p) -> {
				assertArrayEquals(plain.get(i), (byte[]) Pixels.storage(model.metadata().coding().toCodes(p.classes(), p
					.width(), p.height())), "slice " + i);
				final int n = p.width() * p.height();
				for (int j = 0; j < n; j++)
					assertEquals(1, p.probabilities()[j] + p.probabilities()[n + j] + p.probabilities()[2 * n + j], 1e-5);
			});
		}
	}

	@Test
	void theQualityEstimateIsTheExpectedDiceUnderTheProbabilities() {
		// 4 pixels, 2 phases: labels 0 0 1 1; p(phase 0) = 0.95 0.7 0.2 0.4
		final float[] p = { 0.95f, 0.7f, 0.2f, 0.4f, 0.05f, 0.3f, 0.8f, 0.6f };
		final SliceQuality q = SliceQuality.of(p, new byte[] { 0, 0, 1, 1 }, 2);
		assertEquals(2 * 1.65 / (2.25 + 2), q.dice()[0], 1e-6);
		assertEquals(2 * 1.4 / (1.75 + 2), q.dice()[1], 1e-6);
		assertEquals(0.75, q.uncertain(), 1e-9, "three pixels below 0.9");
		assertTrue(Double.isNaN(SliceQuality.of(new float[] { 1, 1, 0, 0 }, new byte[] { 0, 0 }, 2).dice()[1]),
			"a phase neither chosen nor expected has no Dice, as in Evaluate");
	}

	@Test
	void aSliceFarBelowTheVolumesMedianIsFlaggedLow() {
		final QualityTable t = new QualityTable(new LabelCoding(new int[] { 0, 1 }), false);
		for (final double d : new double[] { 0.95, 0.96, 0.94, 0.95, 0.80, 0.955 })
			t.add("s" + d, new SliceQuality(new double[] { d, d }, 0.1), false);
		t.add("odd", new SliceQuality(new double[] { 0.95, 0.95 }, 0.1), true);
		final List<Object> flags = java.util.stream.IntStream.range(0, t.size()).mapToObj(r -> t.table().get(r, "flag"))
			.toList();
		assertEquals(List.of("", "", "", "", "low", "", "unlike training"), flags);
	}

	@Test
	void badOptionsFailInOneLine() {
		assertThrows(InvalidInputException.class, () -> PredictionOutputs.of(null, "16-bit", null, "probability",
			null));
		assertThrows(InvalidInputException.class, () -> PredictionOutputs.of(null, "32-bit", null, "entropy", null));
		assertThrows(InvalidInputException.class, () -> PredictionOutputs.of(null, "32-bit", null, "probability", dir
			.resolve("q.txt")));
	}

	private static ImgSliceSource volume() {
		final ArrayImg<UnsignedShortType, ShortArray> stack = ArrayImgs.unsignedShorts(W, H, SLICES);
		final Random random = new Random(5);
		final short[] data = stack.update(null).getCurrentStorageArray();
		for (int i = 0; i < data.length; i++)
			data[i] = (short) (1000 + (i / W % 16 < 8 ? 20000 : 0) + random.nextInt(3000));
		return new ImgSliceSource(stack, "scan.tif");
	}

	private static SegmentationModel model(final double temperature) {
		final SegmentationModel model = SegmentationModel.create(ModelMetadata.create(NetworkSpec.unet(2, 16, 3),
			new LabelCoding(new int[] { 0, 128, 255 }), new Normalization(Normalization.Mode.PER_IMAGE, 0, 65535), 32,
			null).withCalibration(new Calibration(temperature, 0.1, 0.01, 10)), Device.cpu());
		model.initialize();
		return model;
	}
}
