package org.xrayseg.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import ai.djl.Device;
import net.imglib2.img.array.ArrayImgs;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xrayseg.core.choice.Auto;
import org.xrayseg.core.infer.Precision;
import org.xrayseg.MessageLog;
import org.xrayseg.TestData;
import org.xrayseg.command.ExitCode;
import org.xrayseg.core.infer.SegmentationRun;
import org.xrayseg.core.infer.TestTimeAugmentation;
import org.xrayseg.core.io.SliceInput;
import org.xrayseg.core.convert.Pixels;
import org.xrayseg.core.infer.VolumeSegmenter;
import org.xrayseg.core.io.FileSliceSource;
import org.xrayseg.core.io.TiffSliceSink;
import org.xrayseg.core.model.EpochRecord;
import org.xrayseg.core.model.ModelFile;
import org.xrayseg.core.model.ModelMetadata;
import org.xrayseg.core.model.TrainingPlan;
import org.xrayseg.core.model.SegmentationModel;

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
	void sizesAndLengthComeFromTheDataAndTheTimeBudgetAndThePlanIsStored() {
		final Path data = TestData.volume();
		final Path model = dir.resolve("auto.xrsm");
		assertEquals(ExitCode.OK, run("train-unet", "images=" + data.resolve("train/images"), "labels=" + data.resolve(
			"train/labels"), "model=" + model, "time_budget=15s", "batch_size=4", "depth=2", "device=cpu"), err);
		final ModelMetadata m = ModelFile.readMetadata(model);
		final TrainingPlan plan = m.plan();
		assertEquals(64, plan.patchSize(), "the images are 64 x 64");
		assertEquals(4, plan.batchSize(), "as given");
		assertEquals(20, plan.stepsPerEpoch(), "little data: the fewest steps");
		assertEquals(1, plan.folds(), "15 s do not fit 5 networks");
		assertEquals(15, plan.timeBudgetSeconds());
		assertTrue(plan.steps() < 2000 && (plan.steps() == 20 || plan.steps() * plan.secondsPerStep() <= 15),
			"cut to the budget (but one epoch at least): " + plan.steps() + " steps of " + plan.secondsPerStep() + " s");
		assertTrue(plan.reasons().stream().anyMatch(r -> r.contains("the time budget of 15s fits")), plan.reasons()
			.toString());
		assertEquals(plan.epochs(), m.training().history().size(), "every planned epoch is trained");
		assertEquals("all " + plan.epochs() + " planned epochs trained", m.training().stopReason());
		final long kept = m.training().history().stream().filter(EpochRecord::kept).count();
		if (m.training().kept().contains("training over-fitted")) // a short run on a noisy curve may: one epoch
			assertEquals(1, kept, m.training().kept());
		else {
			assertEquals(plan.averagedEpochs(), kept);
			assertEquals(kept == 1 ? "the weights of epoch " + plan.epochs() : "the mean weights of epochs " + (plan
				.epochs() - kept + 1) + "-" + plan.epochs(), m.training().kept());
		}
		assertEquals("global", m.normalisationMode());
		assertEquals("global", plan.normalisation(), "the normalisation is a decision of the plan");
		assertEquals(m.network().contextSlices(), plan.contextSlices(), "the context the network sees");
		assertTrue(plan.reasons().stream().anyMatch(r -> r.startsWith("Context: ")), plan.reasons().toString());
		assertTrue(plan.reasons().contains(TrainingPlan.LOSS + plan.loss().description()), plan.reasons().toString());
		assertTrue(plan.reasons().stream().anyMatch(r -> r.startsWith("Normalisation global")), plan.reasons()
			.toString());
		assertTrue(m.fingerprint().sources().size() == 6);
	}

	@Test
	void foldsTrainAnEnsembleWhoseCrossValidatedDiceIsReportedAndThatSegments() {
		final Path data = TestData.volume();
		final Path model = dir.resolve("ensemble.xrsm");
		assertEquals(ExitCode.OK, run("train-unet", "images=" + data.resolve("train/images"), "labels=" + data.resolve(
			"train/labels"), "model=" + model, "folds=3", "epochs=2", "steps_per_epoch=4", "patch_size=32",
			"batch_size=4", "depth=2", "device=cpu"), err);
		final ModelMetadata m = ModelFile.readMetadata(model);
		assertEquals(3, m.networks());
		assertEquals(3, m.crossValidation().folds());
		assertEquals(6, m.crossValidation().slices(), "every labelled slice held out once");
		assertEquals(List.of(1, 2, 3), m.training().history().stream().map(EpochRecord::fold).distinct().toList());
		assertTrue(out.contains("Cross-validated Dice:"), "the table is printed: " + out);
		assertEquals(List.of(), java.util.Arrays.stream(dir.toFile().list()).filter(f -> !f.equals("ensemble.xrsm"))
			.toList(), "the folds' files are gone");
		final MessageLog log = new MessageLog();
		new SegmentationRun(model.toFile(), Auto.NUMBER, 16, "cpu", TestTimeAugmentation.FALSE,
			Precision.FLOAT32).toFiles(SliceInput.file("input", data
			.resolve("test/images").toFile()), dir.resolve("labels.tif").toFile(), false, log);
		assertTrue(log.startingWith("Model: an ensemble of 3 networks, their class probabilities averaged " +
			"(cross-validated Dice") != null, log.toString());
	}

	@Test
	void aNetworkWithContextSeesNeighbouringSlicesAndTestTimeAugmentationSmoothsIt() throws Exception {
		final Path data = TestData.volume();
		final Path model = dir.resolve("context.xrsm");
		assertEquals(ExitCode.OK, run("train-unet", "images=" + data.resolve("train/images"), "labels=" + data.resolve(
			"train/labels"), "model=" + model, "epochs=2", "steps_per_epoch=5", "patch_size=32", "batch_size=4",
			"depth=2", "context_slices=1", "device=cpu"), err);
		assertEquals(3, ModelFile.readMetadata(model).network().inputChannels());
		final Path plain = dir.resolve("plain.tif");
		final Path auto = dir.resolve("auto.tif");
		final Path tta = dir.resolve("tta.tif");
		assertEquals(ExitCode.OK, run("segment", "model=" + model, "input=" + data.resolve("test/images"), "output=" +
			plain, "tta=false"), err);
		assertEquals(ExitCode.OK, run("segment", "model=" + model, "input=" + data.resolve("test/images"), "output=" +
			auto), err);
		assertEquals(ExitCode.OK, run("segment", "model=" + model, "input=" + data.resolve("test/images"), "output=" + tta,
			"tta=true"), err);
		try (FileSliceSource a = FileSliceSource.open(plain); FileSliceSource b = FileSliceSource.open(tta);
			FileSliceSource c = FileSliceSource.open(auto))
		{
			assertEquals(a.size(), b.size());
			final float[] x = Pixels.toFloats(a.slice(0));
			final float[] y = Pixels.toFloats(b.slice(0));
			int same = 0;
			for (int i = 0; i < x.length; i++)
				if (x[i] == y[i]) same++;
			assertTrue(same > 0.8 * x.length && same < x.length, "test-time augmentation changes few labels: " + same +
				" of " + x.length);
			for (int z = 0; z < c.size(); z++)
				assertArrayEquals(Pixels.toFloats(b.slice(z)), Pixels.toFloats(c.slice(z)), "the default (auto) on a " +
					"small volume: tta=true's labels");
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
		final MessageLog listener = new MessageLog();
		final List<String> messages = listener.lines();
		try (SegmentationModel m = ModelFile.load(TestData.model(), Device.cpu()); FileSliceSource in = FileSliceSource
			.open(odd))
		{
			new VolumeSegmenter(m, 64, 16, 1, false, Precision.FLOAT32).run(in, listener, (i, labels) -> {});
			new VolumeSegmenter(m, 64, 16, 1, false, Precision.FLOAT32).run(FileSliceSource.open(TestData.volume().resolve("test/images")),
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
