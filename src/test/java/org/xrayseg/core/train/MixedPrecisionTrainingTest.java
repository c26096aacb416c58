package org.xrayseg.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import ai.djl.Device;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.xrayseg.TestData;
import org.xrayseg.core.data.TrainingData;
import org.xrayseg.core.infer.InferenceTuner;
import org.xrayseg.core.infer.Precision;
import org.xrayseg.core.io.FileSliceSource;
import org.xrayseg.core.model.EpochRecord;
import org.xrayseg.core.model.SegmentationModel;
import org.xrayseg.core.progress.ProgressListener;

/**
 * Mixed-precision training (precision=bfloat16): a U-Net learns as in
 * float32, the choice is recorded in the model, and precision=auto chooses
 * by the measured step times where the processor has native bfloat16.
 */
@Tag("trains")
class MixedPrecisionTrainingTest {

	@Test
	void aUNetLearnsInBfloat16AsInFloat32AndTheModelSaysWhich() {
		assertLearnsAlike(MixedPrecisionTrainingTest::validationDice, 0.8);
	}

	@Test
	void aPix2PixGeneratorLearnsInBfloat16AsInFloat32WithItsDiscriminatorInBfloat16Too() {
		assertLearnsAlike(MixedPrecisionTrainingTest::pix2pixValidationDice, 0.85);
	}

	/** @param dice the validation Dice of a short training in the precision given */
	private static void assertLearnsAlike(final java.util.function.ToDoubleFunction<String> dice,
		final double least)
	{
		final double float32 = dice.applyAsDouble("float32");
		final double bfloat16 = dice.applyAsDouble("bfloat16");
		assertTrue(float32 > least, "float32 learns: " + float32);
		assertEquals(float32, bfloat16, 0.05, "bfloat16 learns as float32 does");
	}

	@Test
	void autoTakesBfloat16OnlyWhereItIsNativeAndMeasuredFaster() {
		final TrainingOptions auto = TestData.tinyOptions(1, 1).withPrecision("auto");
		final boolean nativeHere = InferenceTuner.bfloat16Native(Device.cpu());
		final AtomicInteger measured = new AtomicInteger();
		final List<String> reasons = new ArrayList<>();
		final TrainingOptions fast = TrainingPrecision.choose(auto, o -> {
			measured.incrementAndGet();
			return o.precision() == Precision.BFLOAT16 ? 0.1 : 0.17;
		}, reasons);
		if (!nativeHere) {
			assertEquals(Precision.FLOAT32, fast.precision());
			assertEquals(0, measured.get(), "nothing measured where bfloat16 is not native");
			assertEquals("float32 passes: no native bfloat16 on this processor", reasons.get(0));
			return;
		}
		assertEquals(Precision.BFLOAT16, fast.precision());
		assertTrue(reasons.get(0).startsWith("bfloat16 passes: a step takes 0.100 s in bfloat16 and 0.170 s in " +
			"float32 on this machine (1.70x)"), reasons.get(0));
		reasons.clear();
		final TrainingOptions slow = TrainingPrecision.choose(auto, o -> o.precision() == Precision.BFLOAT16 ? 0.1
			: 0.11, reasons);
		assertEquals(Precision.FLOAT32, slow.precision());
		assertTrue(reasons.get(0).endsWith("bfloat16 is native here but not 1.15x faster for these patches"), reasons
			.get(0));
	}

	/** @return the mean validation Dice of the last epoch of a short Pix2Pix training in {@code precision} */
	private static double pix2pixValidationDice(final String precision) {
		final Path data = TestData.volume();
		try (FileSliceSource im = FileSliceSource.open(data.resolve("train/images"));
			FileSliceSource lb = FileSliceSource.open(data.resolve("train/labels"));
			SegmentationModel m = Pix2PixTrainer.train(TrainingData.prepare(im, lb, null, null, TrainingData.Settings
				.of(0.2), ProgressListener.NONE), Pix2PixOptions.defaults(TestData.tinyOptions(6, 15).withPrecision(
					precision)), ProgressListener.NONE))
		{
			assertEquals(precision, m.metadata().training().parameters().get("precision"));
			final List<EpochRecord> history = m.metadata().training().history();
			return history.get(history.size() - 1).meanValidationDice();
		}
	}

	/** @return the mean validation Dice of the last epoch of a short training in {@code precision} */
	private static double validationDice(final String precision) {
		final Path data = TestData.volume();
		final TrainingOptions o = TestData.tinyOptions(6, 15).withPrecision(precision);
		try (FileSliceSource im = FileSliceSource.open(data.resolve("train/images"));
			FileSliceSource lb = FileSliceSource.open(data.resolve("train/labels"));
			SegmentationModel m = TestData.trainUNet(im, lb, o))
		{
			assertEquals(precision, m.metadata().training().parameters().get("precision"));
			assertTrue(m.metadata().plan().reasons().contains(precision + " passes, as given" + (precision.equals(
				"bfloat16") ? " (weights, optimiser and loss in float32)" + (InferenceTuner.bfloat16Native(Device
					.cpu()) ? "" : "; not native on this processor: slower than float32") : "")), m.metadata().plan()
						.reasons().toString());
			final List<EpochRecord> history = m.metadata().training().history();
			return history.get(history.size() - 1).meanValidationDice();
		}
	}
}
