package org.xrayseg;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.xrayseg.core.data.SyntheticVolume;
import org.xrayseg.core.data.TrainingData;
import org.xrayseg.core.infer.TiledPredictor;
import org.xrayseg.core.io.FileSliceSource;
import org.xrayseg.core.io.SliceSource;
import org.xrayseg.core.model.ModelFile;
import org.xrayseg.core.model.SegmentationModel;
import org.xrayseg.core.progress.ProgressListener;
import org.xrayseg.core.train.TrainingOptions;
import org.xrayseg.core.train.UNetTrainer;

/**
 * Small generated data and one small trained model, shared by the tests of a
 * run (the model is trained once, in about ten seconds).
 */
public final class TestData {

	/** Slices of the small synthetic volume: 1-6 train, 7-8 test. */
	public static final int SLICES = 8;
	public static final int TRAIN_SLICES = 6;
	public static final int SIZE = 64;

	private static Path folder;
	private static Path model;

	private TestData() {}

	/** @return a folder holding train/{images,labels} and test/{images,labels} of a small synthetic volume */
	public static synchronized Path volume() {
		if (folder == null) {
			folder = tempDir("xrayseg-data");
			final SyntheticVolume.Volume v = SyntheticVolume.generate(SLICES, SIZE, SIZE, 7);
			SyntheticVolume.write(v, 0, TRAIN_SLICES, folder.resolve("train"), false);
			SyntheticVolume.write(v, TRAIN_SLICES, SLICES, folder.resolve("test"), false);
		}
		return folder;
	}

	/** @return a model file of a small U-Net trained on {@link #volume()} */
	public static synchronized Path model() {
		if (model == null) {
			final Path data = volume();
			model = tempDir("xrayseg-model").resolve("tiny.xrsm");
			try (FileSliceSource im = FileSliceSource.open(data.resolve("train/images"));
				FileSliceSource lb = FileSliceSource.open(data.resolve("train/labels"));
				SegmentationModel m = trainUNet(im, lb, tinyOptions(3, 20)))
			{
				ModelFile.save(m, model, false);
			}
		}
		return model;
	}

	/** @return options for a small, fast U-Net */
	public static TrainingOptions tinyOptions(final int epochs, final int steps) {
		// float32: auto would choose by measured step times, which a busy test machine may not keep between runs
		return TrainingOptions.defaults().withEpochs(epochs).withStepsPerEpoch(steps).withBatchSize(4).withPatchSize(
			32).withLearningRate(3e-3).withNetwork(2, 16).withTileSize(0).withSeed(3).withDevice("cpu").withPrecision(
				"float32");
	}

	/** @return a U-Net trained on the slices, validated on a slab split off their end (the caller closes it) */
	public static SegmentationModel trainUNet(final SliceSource images, final SliceSource labels,
		final TrainingOptions options)
	{
		options.validate();
		return UNetTrainer.train(TrainingData.prepare(images, labels, null, null, TrainingData.Settings.of(options.validationFraction()), ProgressListener.NONE), options, ProgressListener.NONE);
	}

	/** @return raw grey values of an 80x72 synthetic slice, row-major */
	public static float[] sampleSlice() {
		final SyntheticVolume.Volume v = SyntheticVolume.generate(1, 80, 72, 11);
		final float[] pixels = new float[80 * 72];
		for (int i = 0; i < pixels.length; i++)
			pixels[i] = v.images()[0][i] & 0xffff;
		return pixels;
	}

	/** @return class probabilities (K, H, W) of {@link #sampleSlice()}-sized raw pixels, tiled */
	public static float[] predict(final SegmentationModel m, final float[] raw) {
		final float[] pixels = raw.clone();
		m.metadata().normalization().applyInPlace(pixels);
		return new TiledPredictor(m, 64, 16, 2).probabilities(pixels, 80, 72, ProgressListener.NONE);
	}

	public static Path tempDir(final String prefix) {
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
