package org.xrayseg.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import ai.djl.Device;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.integer.UnsignedShortType;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.xrayseg.core.choice.Auto;
import org.xrayseg.TestData;
import org.xrayseg.command.ExitCode;
import org.xrayseg.core.convert.Pixels;
import org.xrayseg.core.data.LabelCoding;
import org.xrayseg.core.data.Normalization;
import org.xrayseg.core.data.SyntheticVolume;
import org.xrayseg.core.data.TrainingData;
import org.xrayseg.core.infer.Precision;
import org.xrayseg.core.infer.SegmentationRun;
import org.xrayseg.core.infer.TestTimeAugmentation;
import org.xrayseg.core.infer.TiledPredictor;
import org.xrayseg.core.io.ImgSliceSource;
import org.xrayseg.core.io.SliceInput;
import org.xrayseg.core.io.SliceSource;
import org.xrayseg.core.io.SliceSpec;
import org.xrayseg.core.io.SliceSources;
import org.xrayseg.core.io.TestStacks;
import org.xrayseg.core.io.TiffSliceSink;
import org.xrayseg.core.model.ModelFile;
import org.xrayseg.core.model.ModelMetadata;
import org.xrayseg.core.model.NetworkSpec;
import org.xrayseg.core.model.SegmentationModel;
import org.xrayseg.core.progress.ProgressListener;
import org.xrayseg.core.train.TrainingOptions;
import org.xrayseg.core.train.UNetTrainer;

/**
 * "segment ... slices=" on every kind of input and with a network that sees
 * one slice (2D) or its neighbours too (2.5D), normalised per volume: every
 * range gives, byte for byte, the labels that segmenting the whole volume
 * gives for the same slices, also at the ends of the range, where a 2.5D
 * network must see the real neighbours outside the range.
 */
class PartEqualsWholeTest {

	private static final int W = 48;
	private static final int H = 40;
	private static final int SLICES = 8;
	private static final List<String> RANGES = List.of("1-3", "4", "5-", "2-4", "3,6-7");

	@TempDir
	static Path dir;

	private static SyntheticVolume.Volume volume;

	@BeforeAll
	static void writeInputsAndModels() {
		volume = SyntheticVolume.generate(SLICES, W, H, 11);
		try (TiffSliceSink folder = new TiffSliceSink(dir.resolve("folder"), 16, false); TiffSliceSink stack =
			new TiffSliceSink(dir.resolve("stack.tif"), 16, false))
		{
			for (int z = 0; z < SLICES; z++) {
				folder.write(ArrayImgs.unsignedShorts(volume.images()[z], W, H), String.format("z%02d.tif", z));
				stack.write(ArrayImgs.unsignedShorts(volume.images()[z], W, H), null);
			}
			folder.commit();
			stack.commit();
		}
		TestStacks.bigTiff(dir.resolve("big.tif"), volume.images(), W, H);
		final short[][][] data = new short[SLICES][H][W];
		for (int z = 0; z < SLICES; z++)
			for (int y = 0; y < H; y++)
				System.arraycopy(volume.images()[z], y * W, data[z][y], 0, W);
		try (WritableHdfFile h5 = HdfFile.write(dir.resolve("scan.h5"))) {
			h5.putDataset("data", data);
		}
		// a little training, so that the labels vary with the grey values and the neighbours (asserted below)
		final short[] pixels = new short[SLICES * W * H];
		final byte[] labels = new byte[SLICES * W * H];
		for (int z = 0; z < SLICES; z++) {
			System.arraycopy(volume.images()[z], 0, pixels, z * W * H, W * H);
			System.arraycopy(volume.labels()[z], 0, labels, z * W * H, W * H);
		}
		for (final int context : new int[] { 0, 1 })
			try (SliceSource im = new ImgSliceSource(ArrayImgs.unsignedShorts(pixels, W, H, SLICES), "scan");
				SliceSource lb = new ImgSliceSource(ArrayImgs.unsignedBytes(labels, W, H, SLICES), "labels");
				SegmentationModel m = train(im, lb, TestData.tinyOptions(2, 5).withContextSlices(context)
					.withNormalisation("per_image")))
			{
				ModelFile.save(m, model(context), false);
			}
	}

	private static SegmentationModel train(final SliceSource images, final SliceSource labels,
		final TrainingOptions options)
	{
		return UNetTrainer.train(TrainingData.prepare(images, labels, null, null, options.dataSettings(null),
			ProgressListener.NONE), options, ProgressListener.NONE);
	}

	private static Path model(final int context) {
		return dir.resolve("context" + context + ".xrsm");
	}

	static Stream<Arguments> inputs() {
		return Stream.of("folder", "stack.tif", "big.tif", "scan.h5").flatMap(input -> Stream.of(Arguments.of(input,
			0), Arguments.of(input, 1)));
	}

	@ParameterizedTest(name = "{0}, context {1}")
	@MethodSource("inputs")
	void everyRangeGivesTheLabelsOfTheWhole(final String input, final int context) {
		final Path whole = segment(input, context, null, "whole.tif");
		try (SliceSource all = SliceSources.open(whole, null, null)) {
			assertEquals(SLICES, all.size());
			final float[] middle = Pixels.toFloats(all.slice(SLICES / 2));
			assertTrue(IntStream.range(0, middle.length).mapToDouble(i -> middle[i]).distinct().count() > 1,
				"the labels vary, so that equal labels mean something");
			for (final String range : RANGES) {
				final Path part = segment(input, context, range, "part " + range.replace(',', '+') + ".tif");
				try (SliceSource p = SliceSources.open(part, null, null); SliceSource same = SliceSources.open(whole,
					null, range))
				{
					assertEquals(same.size(), p.size(), range);
					for (int i = 0; i < p.size(); i++)
						assertArrayEquals(Pixels.toFloats(same.slice(i)), Pixels.toFloats(p.slice(i)), input + ", slices=" +
							range + ": " + same.describe(i));
				}
			}
		}
	}

	/** An image open in Fiji, as Segment's dialog and macros pass it with slices=. */
	@ParameterizedTest(name = "image in memory, context {0}")
	@ValueSource(ints = { 0, 1 })
	void everyRangeOfAnOpenImageGivesTheLabelsOfTheWhole(final int context) {
		final short[] pixels = new short[SLICES * W * H];
		for (int z = 0; z < SLICES; z++)
			System.arraycopy(volume.images()[z], 0, pixels, z * W * H, W * H);
		final Img<UnsignedShortType> image = ArrayImgs.unsignedShorts(pixels, W, H, SLICES);
		final SegmentationRun run = new SegmentationRun(model(context).toFile(), Auto.NUMBER,
			TiledPredictor.OVERLAP, "cpu", TestTimeAugmentation.AUTO, Precision.AUTO);
		final float[] whole = Pixels.toFloats(run.toImage(new SliceInput("input", null, image), ProgressListener.NONE)
			.labels());
		for (final String range : RANGES) {
			final float[] part = Pixels.toFloats(run.toImage(new SliceInput("input", null, image).withSlices(range),
				ProgressListener.NONE).labels());
			final int[] indices = SliceSpec.parse(range).indices(SLICES, "image");
			for (int k = 0; k < indices.length; k++)
				assertArrayEquals(Arrays.copyOfRange(whole, indices[k] * W * H, (indices[k] + 1) * W * H), Arrays
					.copyOfRange(part, k * W * H, (k + 1) * W * H), "slices=" + range + ", slice " + (indices[k] + 1));
		}
	}

	private static Path segment(final String input, final int context, final String slices, final String name) {
		final Path out = dir.resolve(input.replace('.', '_') + "-" + context + "-" + name);
		final Printed p = slices == null ? Printed.run("segment", "model=" + model(context), "input=" + dir.resolve(
			input), "output=" + out) : Printed.run("segment", "model=" + model(context), "input=" + dir.resolve(input),
				"output=" + out, "slices=" + slices);
		assertEquals(ExitCode.OK, p.code(), p.err());
		return out;
	}
}
