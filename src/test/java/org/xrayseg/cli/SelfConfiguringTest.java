package org.xrayseg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import ai.djl.Device;
import net.imglib2.img.array.ArrayImgs;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xrayseg.TestData;
import org.xrayseg.core.convert.Pixels;
import org.xrayseg.core.infer.VolumeSegmenter;
import org.xrayseg.core.io.FileSliceSource;
import org.xrayseg.core.io.TiffSliceSink;
import org.xrayseg.core.model.EpochRecord;
import org.xrayseg.core.model.ModelFile;
import org.xrayseg.core.model.ModelMetadata;
import org.xrayseg.core.model.SegmentationModel;
import org.xrayseg.core.progress.ProgressListener;

/**
 * Training that configures itself, from the command line: sizes chosen from
 * the data and said, early stopping that says why, 2.5D context and
 * test-time augmentation, and a warning for inputs unlike the training images.
 */
@Tag("trains")
class SelfConfiguringTest {

	@TempDir
	Path dir;

	private String out;
	private String err;

	@Test
	void sizesComeFromTheDataAndTrainingStopsWhenValidationStopsImproving() {
		final Path data = TestData.volume();
		final Path model = dir.resolve("auto.xrsm");
		assertEquals(Main.OK, run("train-unet", "images=" + data.resolve("train/images"), "labels=" + data.resolve(
			"train/labels"), "model=" + model, "epochs=6", "patience=1", "depth=2", "device=cpu"), err);
		final ModelMetadata m = ModelFile.readMetadata(model);
		assertEquals("64", m.training().parameters().get("patch_size"), "the images are 64 x 64");
		assertEquals("32", m.training().parameters().get("batch_size"), "8 x 128^2 pixels per step, at most 32 patches");
		assertEquals("20", m.training().parameters().get("steps_per_epoch"), "little data: the fewest steps");
		final List<EpochRecord> history = m.training().history();
		if (history.size() < 6) {
			assertEquals(history.size() - 1, m.training().bestEpoch(), "stopped one epoch after the best");
			assertTrue(m.training().stopReason().startsWith("no better validation Dice for 1 epochs"), m.training()
				.stopReason());
		}
		else assertEquals("all 6 epochs trained", m.training().stopReason());
		assertEquals("global", m.normalisationMode());
		assertTrue(m.fingerprint().sources().size() == 6);
	}

	@Test
	void aNetworkWithContextSeesNeighbouringSlicesAndTestTimeAugmentationSmoothsIt() throws Exception {
		final Path data = TestData.volume();
		final Path model = dir.resolve("context.xrsm");
		assertEquals(Main.OK, run("train-unet", "images=" + data.resolve("train/images"), "labels=" + data.resolve(
			"train/labels"), "model=" + model, "epochs=2", "steps_per_epoch=5", "patch_size=32", "batch_size=4",
			"depth=2", "context_slices=1", "device=cpu"), err);
		assertEquals(3, ModelFile.readMetadata(model).network().inputChannels());
		final Path plain = dir.resolve("plain.tif");
		final Path tta = dir.resolve("tta.tif");
		assertEquals(Main.OK, run("segment", "model=" + model, "input=" + data.resolve("test/images"), "output=" +
			plain), err);
		assertEquals(Main.OK, run("segment", "model=" + model, "input=" + data.resolve("test/images"), "output=" + tta,
			"tta=true"), err);
		try (FileSliceSource a = FileSliceSource.open(plain); FileSliceSource b = FileSliceSource.open(tta)) {
			assertEquals(a.size(), b.size());
			final float[] x = Pixels.toFloats(a.slice(0));
			final float[] y = Pixels.toFloats(b.slice(0));
			int same = 0;
			for (int i = 0; i < x.length; i++)
				if (x[i] == y[i]) same++;
			assertTrue(same > 0.8 * x.length, "test-time augmentation changes few labels: " + same + " of " + x.length);
		}
	}

	@Test
	void anInputFarOutsideTheTrainingGreyValuesIsWarnedAbout() {
		final Path odd = dir.resolve("odd.tif");
		try (TiffSliceSink sink = new TiffSliceSink(odd, 32, false)) {
			final float[] f = new float[64 * 64];
			for (int i = 0; i < f.length; i++)
				f[i] = (i * 7919 % 300) / 100f;
			sink.write(ArrayImgs.floats(f, 64, 64), null);
			sink.commit();
		}
		final List<String> messages = new ArrayList<>();
		final ProgressListener listener = new ProgressListener() {

			@Override
			public void update(final String status, final long done, final long total) {}

			@Override
			public void message(final String text) {
				messages.add(text);
			}
		};
		try (SegmentationModel m = ModelFile.load(TestData.model(), Device.cpu()); FileSliceSource in = FileSliceSource
			.open(odd))
		{
			new VolumeSegmenter(m, 64, 16, 1).run(in, listener, (i, labels) -> {});
			new VolumeSegmenter(m, 64, 16, 1).run(FileSliceSource.open(TestData.volume().resolve("test/images")),
				listener, (i, labels) -> {});
		}
		assertEquals(1, messages.size(), "one warning, for the odd input only: " + messages);
		assertTrue(messages.get(0).startsWith("Warning: the grey values of file " + odd + " (0.01000 .. 2.980)") && messages
			.get(0).contains("lie far outside those of the training images"), messages.get(0));
	}

	private int run(final String... args) {
		final Printed p = Printed.run(args);
		out = p.out();
		err = p.err();
		return p.code();
	}
}
