package org.xrayseg.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import net.imglib2.img.array.ArrayImgs;

import ai.djl.Device;

import org.apache.spark.SparkConf;
import org.xrayseg.core.data.SyntheticVolume;
import org.xrayseg.core.data.TrainingData;
import org.xrayseg.core.infer.Precision;
import org.xrayseg.core.infer.TestTimeAugmentation;
import org.xrayseg.core.infer.SegmentationRun;
import org.xrayseg.core.infer.TiledPredictor;
import org.xrayseg.core.io.FileSliceSource;
import org.xrayseg.core.io.SliceInput;
import org.xrayseg.core.io.SliceRange;
import org.xrayseg.core.io.TiffSliceSink;
import org.xrayseg.core.model.ModelFile;
import org.xrayseg.core.model.SegmentationModel;
import org.xrayseg.core.progress.ProgressListener;
import org.xrayseg.core.runtime.DjlRuntime;
import org.xrayseg.core.train.TrainingOptions;
import org.xrayseg.core.train.UNetTrainer;

/**
 * A small synthetic volume (12 slices of 80 x 72, as a folder and as a TIFF
 * stack), a small U-Net trained on it in seconds (depth 2, 16 filters, as the
 * plugin's tests train), and the command line's labels to compare with.
 */
final class SparkTestData {

	static final int SLICES = 12;
	static final int WIDTH = 80;
	static final int HEIGHT = 72;
	/** Tiles smaller than the slices, so that tiling takes part. */
	static final int TILE = 48;
	static final int OVERLAP = 16;

	private static Path root;
	private static Path model;

	private SparkTestData() {}

	/** @return a folder holding images/ (12 TIFF slices), stack.tif (the same) and labels/ */
	static synchronized Path volume() {
		if (root == null) {
			root = tempDir("xrayseg-spark-data");
			final SyntheticVolume.Volume v = SyntheticVolume.generate(SLICES, WIDTH, HEIGHT, 5);
			SyntheticVolume.write(v, 0, SLICES, root, false);
			try (TiffSliceSink stack = new TiffSliceSink(root.resolve("stack.tif"), 16, false)) {
				for (int z = 0; z < SLICES; z++)
					stack.write(ArrayImgs.unsignedShorts(v.images()[z], WIDTH, HEIGHT), null);
				stack.commit();
			}
		}
		return root;
	}

	static Path images() {
		return volume().resolve("images");
	}

	static Path stack() {
		return volume().resolve("stack.tif");
	}

	/** @return the slices that need one slice to be segmented: it and its neighbours if the model sees context */
	static int slicesNeeding() {
		return 1 + 2 * ModelFile.readMetadata(model()).network().contextSlices();
	}

	/** @return a small U-Net trained on the first 8 slices (2.5D: context_slices=auto finds a volume) */
	static synchronized Path model() {
		if (model == null) {
			model = tempDir("xrayseg-spark-model").resolve("tiny.xrsm");
			final TrainingOptions options = TrainingOptions.defaults().withEpochs(2).withStepsPerEpoch(15).withBatchSize(4)
				.withPatchSize(32).withLearningRate(3e-3).withNetwork(2, 16).withTileSize(0).withSeed(3).withDevice("cpu");
			try (FileSliceSource all = FileSliceSource.open(images()); FileSliceSource labels = FileSliceSource.open(
				volume().resolve("labels")); SegmentationModel m = UNetTrainer.train(TrainingData.prepare(
					new SliceRange(all, 0, 8), new SliceRange(labels, 0, 8), null, null, options.dataSettings(null), ProgressListener.NONE), options,
					ProgressListener.NONE))
			{
				ModelFile.save(m, model, false);
			}
		}
		return model;
	}

	/**
	 * @return an ensemble of two networks, as train-unet folds= makes: the small U-Net and a copy whose weights
	 *         are changed, so that the mean of their probabilities differs from either
	 */
	static synchronized Path ensemble() {
		final Path file = model().resolveSibling("ensemble.xrsm");
		if (!Files.exists(file)) {
			final SegmentationModel one = ModelFile.load(model(), Device.cpu());
			final SegmentationModel two = ModelFile.load(model(), Device.cpu());
			for (final var p : two.block().getParameters()) {
				final float[] w = p.getValue().getArray().toFloatArray();
				for (int i = 0; i < w.length; i++)
					w[i] *= 1 + 0.3f * (float) Math.sin(i);
				p.getValue().getArray().set(w);
			}
			try (SegmentationModel e = SegmentationModel.ensemble(List.of(one, two), one.metadata().asEnsemble(2,
				null)))
			{
				ModelFile.save(e, file, false);
			}
		}
		return file;
	}

	/** @return the job settings of the tests: the small model, small tiles */
	static JobSettings settings(final int slicesPerTask, final boolean overwrite) {
		return settings(model(), slicesPerTask, overwrite);
	}

	/** @return the job settings of the tests with another model */
	static JobSettings settings(final Path modelFile, final int slicesPerTask, final boolean overwrite) {
		return settings(modelFile, slicesPerTask, overwrite, TestTimeAugmentation.FALSE);
	}

	/** @return the job settings of the tests with another model and test-time augmentation */
	static JobSettings settings(final Path modelFile, final int slicesPerTask, final boolean overwrite,
		final TestTimeAugmentation tta)
	{
		return new JobSettings(modelFile.toFile(), TILE, TiledPredictor.TILE_BATCH, OVERLAP, "cpu", tta,
			Precision.AUTO, overwrite, slicesPerTask, false);
	}

	/**
	 * Segments {@code input} as {@code xrayseg segment} does (its core run), into
	 * {@code output}, with one PyTorch thread as the executors of these tests
	 * (local mode: one core per task). With another number of threads, PyTorch's
	 * CPU convolutions add in another order and may flip a nearly tied pixel.
	 */
	static Path commandLine(final Path input, final Path output) {
		return commandLine(model(), input, output);
	}

	/** As {@link #commandLine(Path, Path)} with another model. */
	static Path commandLine(final Path modelFile, final Path input, final Path output) {
		return commandLine(modelFile, input, output, TestTimeAugmentation.FALSE);
	}

	/** As {@link #commandLine(Path, Path, Path)} with test-time augmentation {@code tta}. */
	static Path commandLine(final Path modelFile, final Path input, final Path output, final TestTimeAugmentation tta) {
		DjlRuntime.engine();
		DjlRuntime.threads(1);
		new SegmentationRun(modelFile.toFile(), TILE, OVERLAP, "cpu", tta, Precision.AUTO).toFiles(SliceInput.file(
			"input", input.toFile()), output.toFile(), false, ProgressListener.NONE);
		return output;
	}

	/** Spark in this JVM: {@code threads} task slots, a task tried at most {@code maxFailures} times. */
	static SparkConf local(final int threads, final int maxFailures) {
		return new SparkConf().setMaster("local[" + threads + "," + maxFailures + "]").setAppName("xrayseg-test").set(
			"spark.ui.enabled", "false").set("spark.log.level", "WARN").set("spark.driver.host", "127.0.0.1").set(
				"spark.driver.bindAddress", "127.0.0.1");
	}

	/** @return the names of the visible files of {@code folder}, sorted */
	static List<String> files(final Path folder) {
		try (Stream<Path> list = Files.list(folder)) {
			return list.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().collect(
				Collectors.toList());
		}
		catch (final IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** Asserts that {@code actual} holds exactly the files {@code names}, each byte for byte as in {@code expected}. */
	static void assertSameFiles(final Path expected, final Path actual, final List<String> names) {
		assertEquals(names, files(actual), "files of " + actual);
		for (final String n : names)
			assertArrayEquals(bytes(expected.resolve(n)), bytes(actual.resolve(n)), n + " differs");
	}

	static byte[] bytes(final Path file) {
		try {
			return Files.readAllBytes(file);
		}
		catch (final IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	static Path tempDir(final String prefix) {
		try {
			final Path dir = Files.createTempDirectory(prefix);
			dir.toFile().deleteOnExit();
			return dir;
		}
		catch (final IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
