package org.xrayseg.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import ai.djl.Device;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;

import org.junit.jupiter.api.Test;
import org.xrayseg.MessageLog;
import org.xrayseg.core.data.LabelCoding;
import org.xrayseg.core.data.Normalization;
import org.xrayseg.core.model.EpochRecord;
import org.xrayseg.core.model.ModelMetadata;
import org.xrayseg.core.model.NetworkSpec;
import org.xrayseg.core.model.SegmentationModel;
import org.xrayseg.core.model.TrainingPlan;
import org.xrayseg.core.model.TrainingSummary;
import org.xrayseg.core.progress.ProgressListener;

/**
 * Which weights a training run keeps, and when it ends: the planned epochs,
 * with the mean of the weights of the last ones kept; with a patience, a
 * wind-down once the smoothed validation Dice stops improving, whose epochs
 * are the averaged ones and over which the learning rate decays to its end.
 * Every weight of epoch e is set to e here, and the validation Dice is a
 * function of the weights, so that the kept mean can be read off.
 */
class EpochLoopTest {

	/** Rises to 0.9 at weight 10, then falls slowly: a curve whose best is clear once smoothed (over-fitting). */
	private static double dice(final double weight) {
		return weight <= 10 ? 0.5 + 0.04 * weight : 0.9 - 0.01 * (weight - 10);
	}

	/** Rises to 0.9 at weight 10, then by less and less, with noise of +-0.002 from epoch to epoch. */
	private static double rising(final double weight) {
		final double noise = Math.abs(weight - Math.rint(weight)) < 1e-6 ? 0.002 * (((int) Math.rint(weight)) % 2 == 0
			? 1 : -1) : 0;
		return (weight <= 10 ? 0.5 + 0.04 * weight : 0.9 + 0.005 * Math.log(weight - 9)) + noise;
	}

	@Test
	void thePlannedEpochsAreTrainedAndTheMeanOfTheLastOnesKept() {
		try (SegmentationModel model = network()) {
			final EpochLoop loop = loop(0, new MessageLog(), EpochLoopTest::rising);
			final int trained = run(loop, model);
			assertEquals(20, trained);
			assertEquals(0, loop.windDownFrom());
			loop.keep(model, Device.cpu());
			assertEquals(18.5, weight(model), 1e-5, "the mean of epochs 17-20");
			final TrainingSummary s = model.metadata().training();
			assertEquals("the mean weights of epochs 17-20", s.kept());
			assertEquals("all 20 planned epochs trained", s.stopReason());
			assertEquals(rising(18.5), s.keptValidationDice(), 1e-6);
			assertEquals(List.of(17, 18, 19, 20), s.history().stream().filter(EpochRecord::kept).map(EpochRecord::epoch)
				.toList());
		}
	}

	@Test
	void whereTrainingOverfitsTheEpochAtTheCentreOfTheBestSmoothedWindowIsKept() {
		try (SegmentationModel model = network()) {
			final EpochLoop loop = loop(0, new MessageLog(), EpochLoopTest::dice);
			assertEquals(20, run(loop, model), "without patience every planned epoch is trained");
			loop.keep(model, Device.cpu());
			// smoothed over 3 epochs the best window is 10-12 (0.90, 0.89, 0.88), far above the mean weights' 0.815
			assertEquals(11, weight(model), 1e-5, "the weights of epoch 11");
			final TrainingSummary s = model.metadata().training();
			assertEquals("the weights of epoch 11: training over-fitted (validation Dice 0.8900 around it, mean of 3 " +
				"epochs, against 0.8150 for the mean weights of epochs 17-20)", s.kept());
			assertEquals(dice(11), s.keptValidationDice(), 1e-6);
			assertEquals(List.of(11), s.history().stream().filter(EpochRecord::kept).map(EpochRecord::epoch).toList());
		}
	}

	@Test
	void withPatienceTrainingWindsDownOverTheAveragedEpochsOnceTheSmoothedDiceStopsImproving() {
		final MessageLog log = new MessageLog();
		final List<String> lines = log.lines();
		try (SegmentationModel model = network()) {
			final EpochLoop loop = loop(3, log, EpochLoopTest::dice);
			// smoothed over 3 epochs the best is epoch 12 (0.90, 0.89, 0.88); 3 epochs later, at 15, it winds down
			assertEquals(19, run(loop, model));
			assertEquals(15, loop.windDownFrom(), "the learning rate decays from step 15 ...");
			assertEquals(19, loop.totalSteps(), "... to its end at step 19");
			assertTrue(lines.contains("No better validation Dice (mean of 3 epochs) for 3 epochs after epoch 12: " +
				"winding down over 4 more epochs (the learning rate decays to its end, their weights are averaged)"),
				lines.toString());
			loop.keep(model, Device.cpu());
			assertEquals(11, weight(model), 1e-5, "epoch 11, at the centre of the best window: the mean weights of " +
				"epochs 16-19 over-fitted");
			assertEquals("wound down after epoch 12 was best (patience 3)", model.metadata().training().stopReason());
		}
	}

	@Test
	void anInitialModelIsKeptOnlyWhereItValidatesBetterByMoreThanTheMargin() {
		final double trained = rising(18.5);
		for (final double ahead : new double[] { 0.002, 0.01 }) {
			final MessageLog log = new MessageLog();
			try (SegmentationModel model = network()) {
				// weight 100 is the initial model's, validating `ahead` above the trained mean weights
				final EpochLoop loop = loop(0, log, w -> w == 100 ? trained + ahead : rising(w));
				setWeights(model, 100);
				loop.startFrom(model);
				run(loop, model);
				loop.keep(model, Device.cpu());
				final TrainingSummary s = model.metadata().training();
				if (ahead < EpochLoop.MARGIN) {
					assertEquals(18.5, weight(model), 1e-5, "a tie within the margin keeps what training learnt");
					assertEquals("the mean weights of epochs 17-20", s.kept());
					assertTrue(log.lines().contains("The initial model validates better by 0.0020, within the margin " +
						"of 0.003 that a few validation slices resolve: the trained weights are kept"), log
							.lines().toString());
				}
				else {
					assertEquals(100, weight(model), 1e-5);
					assertEquals(String.format(java.util.Locale.ROOT, "the initial model: it validates better than the " +
						"mean weights of epochs 17-20 by more than 0.003 (%.4f against %.4f)", trained + ahead, trained),
						s.kept());
					assertEquals(0, s.history().stream().filter(EpochRecord::kept).count());
				}
			}
		}
	}

	@Test
	void withSparseAnnotationsTheTrainedWeightsAreKeptHoweverTheInitialModelValidates() {
		final MessageLog log = new MessageLog();
		try (SegmentationModel model = network()) {
			final EpochLoop loop = loop(0, log, w -> w == 100 ? 0.95 : 0.90, TrainingPlan.LAST);
			setWeights(model, 100);
			loop.startFrom(model);
			run(loop, model);
			loop.keep(model, Device.cpu());
			assertEquals(20, weight(model), 1e-5, "the last epoch's weights");
			assertEquals("the weights of epoch 20", model.metadata().training().kept());
			assertTrue(log.lines().contains("The initial model validates better on the held-out annotations (0.9500 " +
				"against 0.9000), which do not decide with sparse annotations (see the plan): the trained weights are " +
				"kept"), log.lines().toString());
		}
	}

	@Test
	void theLearningRateWindsDownSmoothlyToItsEnd() {
		try (SegmentationModel model = network()) {
			final Adam adam = new Adam("U-Net", model.block(), 1e-3, 0.9, 100, model.djlModel().getNDManager());
			final double before = adam.learningRate(40);
			adam.endAt(40, 60);
			assertEquals(before, adam.learningRate(40), 1e-12, "the planned schedule until winding down starts");
			assertTrue(before - adam.learningRate(41) < 0.01 * before, "no jump where it starts");
			assertEquals(5e-5, adam.learningRate(60), 1e-12, "at its end (5%) at the new last step");
			for (int t = 41; t < 60; t++)
				assertTrue(adam.learningRate(t + 1) < adam.learningRate(t));
			adam.endAt(0, 100);
			assertEquals(5e-5, adam.learningRate(100), 1e-6, "0: the planned schedule");
		}
	}

	private static int run(final EpochLoop loop, final SegmentationModel model) {
		int trained = 0;
		for (int epoch = loop.firstEpoch(); !loop.endedBefore(epoch); epoch++) {
			setWeights(model, epoch);
			loop.endEpoch(model, epoch, Map.of("loss", 1.0), Map.of());
			trained = epoch;
		}
		return trained;
	}

	private static EpochLoop loop(final int patience, final ProgressListener progress,
		final java.util.function.DoubleUnaryOperator curve)
	{
		return loop(patience, progress, curve, TrainingPlan.AVERAGE);
	}

	private static EpochLoop loop(final int patience, final ProgressListener progress,
		final java.util.function.DoubleUnaryOperator curve, final String selection)
	{
		final TrainingOptions o = TrainingOptions.defaults().withEpochs(20).withStepsPerEpoch(1).withPatience(patience);
		final TrainingPlan plan = new TrainingPlan(32, 2, 1, 20, 1, 16, 1, selection, 4, 0, 60, Double.NaN,
			"global", 0, null, List.of(), 0);
		return new EpochLoop(new Planner.Planned(o, plan, null), 1, m -> new double[] { curve.applyAsDouble(weight(m)), curve
			.applyAsDouble(weight(m)) },
			progress, null, o.asMap(), 0);
	}

	private static SegmentationModel network() {
		final SegmentationModel m = SegmentationModel.create(ModelMetadata.create(NetworkSpec.unet(1, 16, 2),
			new LabelCoding(0, 1), new Normalization(0, 1), 32, null), Device.cpu());
		m.initialize();
		return m;
	}

	private static void setWeights(final SegmentationModel model, final float value) {
		for (final Pair<String, Parameter> p : model.block().getParameters()) {
			final float[] v = new float[(int) p.getValue().getArray().size()];
			Arrays.fill(v, value);
			p.getValue().getArray().set(v);
		}
	}

	private static double weight(final SegmentationModel model) {
		return model.block().getParameters().get(0).getValue().getArray().toFloatArray()[0];
	}
}
