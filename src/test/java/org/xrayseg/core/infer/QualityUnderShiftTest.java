package org.xrayseg.core.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import ai.djl.Device;

import net.imglib2.img.array.ArrayImgs;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.xrayseg.TestData;
import org.xrayseg.core.convert.Pixels;
import org.xrayseg.core.data.LabelCoding;
import org.xrayseg.core.io.FileSliceSource;
import org.xrayseg.core.io.ImgSliceSource;
import org.xrayseg.core.model.ModelFile;
import org.xrayseg.core.model.SegmentationModel;
import org.xrayseg.core.model.ShiftResponse;
import org.xrayseg.core.progress.ProgressListener;

/**
 * Segment's quality estimate on slices whose scan conditions changed, against
 * the true Dice: the small model trained on the synthetic volume measured its
 * response to simulated changes at the end of training.
 */
@Tag("trains")
class QualityUnderShiftTest {

	private interface Change {

		float apply(float raw, Random random);
	}

	/** @return {mean |estimated - true|, mean |uncorrected - true|} over the test slices and phases, changed */
	private static double[] errors(final SegmentationModel model, final Change change) {
		final Path data = TestData.volume().resolve("test");
		final List<Double> corrected = new ArrayList<>();
		final List<Double> uncorrected = new ArrayList<>();
		try (FileSliceSource images = FileSliceSource.open(data.resolve("images"));
			FileSliceSource labels = FileSliceSource.open(data.resolve("labels")))
		{
			final int n = images.size();
			final float[] stack = new float[TestData.SIZE * TestData.SIZE * n];
			final Random random = new Random(5);
			for (int z = 0; z < n; z++) {
				final float[] v = Pixels.toFloats(images.slice(z));
				for (int i = 0; i < v.length; i++)
					stack[z * v.length + i] = change.apply(v[i], random);
			}
			final LabelCoding coding = model.metadata().coding();
			final int k = coding.classes();
			new VolumeSegmenter(model, 64, 16, 2, false, Precision.FLOAT32).runPredictions(new ImgSliceSource(ArrayImgs
				.floats(stack, TestData.SIZE, TestData.SIZE, n), "changed"), ProgressListener.NONE, (i, p) -> {
					final double[] truth = QualityEstimate.agreement(coding.toClasses(labels.slice(i), "labels"), p
						.classes(), k);
					final double[] estimated = p.quality().get().dice();
					final double[] plain = SliceQuality.of(p.probabilities(), p.classes(), k).dice();
					for (int c = 0; c < k; c++)
						if (!Double.isNaN(truth[c]) && !Double.isNaN(estimated[c])) {
							corrected.add(Math.abs(estimated[c] - truth[c]));
							uncorrected.add(Math.abs(plain[c] - truth[c]));
						}
				});
		}
		return new double[] { mean(corrected), mean(uncorrected) };
	}

	private static double mean(final List<Double> v) {
		return v.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
	}

	@Test
	void afterAChangeOfContrastTheEstimateFollowsTheTrueDiceWhereTheProbabilitiesAloneDoNot() {
		try (SegmentationModel model = ModelFile.load(TestData.model(), Device.cpu())) {
			final ShiftResponse shifts = model.metadata().probabilityCalibration().shifts();
			assertNotNull(shifts, "training measured the response");
			assertTrue(shifts.features().length >= 16, shifts.describe());
			final double[] asIs = errors(model, (v, r) -> v);
			final double[] contrast = errors(model, (v, r) -> (float) (0.8 * 65535 * Math.sqrt(v / 65535)));
			System.out.printf("as is: %.4f / %.4f; contrast: %.4f / %.4f%n", asIs[0], asIs[1], contrast[0], contrast[1]);
			assertTrue(contrast[1] > 0.1, "the network is sure and wrong: " + contrast[1]);
			assertTrue(contrast[0] < contrast[1] / 3, contrast[0] + " against " + contrast[1]);
			assertEquals(asIs[1], asIs[0], 0.02, "slices as they are: about as before");
		}
	}
}
