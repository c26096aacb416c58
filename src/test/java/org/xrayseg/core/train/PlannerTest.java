package org.xrayseg.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.xrayseg.MessageLog;
import org.xrayseg.core.data.DataFingerprint;
import org.xrayseg.core.data.LabelCoding;
import org.xrayseg.core.data.LabelledSlices;
import org.xrayseg.core.data.Normalization;
import org.xrayseg.core.data.TrainingData;
import org.xrayseg.core.error.InvalidInputException;
import org.xrayseg.core.model.TrainingPlan;

/**
 * The plan of a training run: its length from the amount of data and the time
 * budget (not from a noisy validation curve), the weights kept, ensembles for
 * small labelled sets, and rare phases seen more often; every decision said.
 */
class PlannerTest {

	private final MessageLog progress = new MessageLog();
	private final List<String> lines = progress.lines();

	@Test
	void theLengthComesFromTheAmountOfDataAndTheLearningRateDecaysOverIt() {
		// 40 validated-apart slices of 512 x 512: 80 steps' worth of pixels, 10 passes = 800 < the least 2000
		final Planner.Planned few = Planner.plan(TrainingOptions.defaults(), data(40, 512, 0.3, true), 16, true, fixed(0.01),
			progress);
		assertEquals(2000, few.plan().steps(), 40);
		assertEquals(few.options().epochs() * few.options().stepsPerEpoch(), few.plan().steps());
		assertEquals(1, few.plan().folds(), "validation images given: one network");
		assertTrue(lines.get(0).startsWith("Plan: " + few.plan().steps() + " steps ("), lines.get(0));
		assertTrue(lines.stream().anyMatch(l -> l.contains("2000 steps, the least any training gets (10 passes over the 8.4 megapixels of training data " +
			"would be 640)")), lines.toString());
		// 400 slices: 800 steps' worth, 10 passes = 8000, at most 4000
		final Planner.Planned many = Planner.plan(TrainingOptions.defaults(), data(400, 512, 0.3, true), 16, true, fixed(
			0.01), progress);
		assertEquals(4000, many.plan().steps(), 100);
		assertEquals(100, many.options().stepsPerEpoch(), "an epoch sees a quarter of the data, at most 100 steps");
		assertEquals(Math.round(0.2 * many.options().epochs()), many.plan().averagedEpochs());
		assertEquals(TrainingPlan.AVERAGE, many.plan().selection());
	}

	@Test
	void theLossIsDecidedInThePlanAndTheDataDecisionsAreTakenIntoIt() {
		final TrainingData read = data(10, 256, 0.01, true);
		final TrainingData data = new TrainingData(read.training(), read.validation(), read.coding(), read
			.normalization(), read.fingerprint(), null, null, new TrainingData.Choices("Normalisation global: one " +
				"scan", "Context: none (2D): fewer than 3 slices"));
		final Planner.Planned p = Planner.plan(TrainingOptions.defaults(), data, 16, true, fixed(0.01), progress);
		assertEquals("global", p.plan().normalisation());
		assertEquals(0, p.plan().contextSlices());
		assertTrue(p.plan().loss().dice(), "unbalanced phases: soft Dice added");
		assertEquals(3, p.plan().loss().classWeights().length);
		assertEquals(p.loss().describe(), p.plan().loss().description());
		assertEquals(List.of("Normalisation global: one scan", "Context: none (2D): fewer than 3 slices"), p.plan()
			.reasons().subList(0, 2));
		assertEquals("  Loss: " + p.plan().loss().description(), lines.get(lines.size() - 1));
		assertEquals(1, lines.stream().filter(l -> l.contains("Loss: ")).count(), "said once");
		assertNull(Planner.plan(TrainingOptions.defaults(), data, 16, false, fixed(0.01), progress).plan().loss(),
			"Pix2Pix: no U-Net loss");
	}

	@Test
	void eachFoldTrainsWithItsOwnSeedAndTheLossOfItsTrainingSlices() {
		final TrainingData data = data(10, 256, 0.01, false);
		final Planner.Planned p = Planner.plan(TrainingOptions.defaults().withEpochs(2).withFolds("5"), data, 16, true,
			fixed(0.01), progress);
		final int said = lines.size();
		final Planner.Planned second = Planner.forFold(p, data.fold(1, 5), 2, progress);
		assertEquals(p.options().seed() + 1, second.options().seed());
		assertEquals(p.plan().loss().description(), second.plan().loss().description(), "complete labels: the same");
		assertEquals(p.plan().reasons(), second.plan().reasons());
		assertEquals(said, lines.size(), "nothing new to say");
	}

	@Test
	void theTimeBudgetCutsTheLengthAndSaysSo() {
		final Planner.Planned p = Planner.plan(TrainingOptions.defaults().withTimeBudget("10m"), data(40, 512, 0.3,
			true), 16, true, fixed(1.0), progress);
		assertTrue(p.plan().steps() < 600 && p.plan().steps() > 400, "600 s at 1 s per step, less validation: " + p
			.plan().steps());
		assertEquals(600, p.plan().timeBudgetSeconds());
		assertEquals(1.0, p.plan().secondsPerStep());
		assertTrue(lines.stream().anyMatch(l -> l.contains("the time budget of 10m fits")), lines.toString());
	}

	@Test
	void fewLabelledSlicesTrainACrossValidationEnsembleWhenTheBudgetFitsIt() {
		final Planner.Planned fits = Planner.plan(TrainingOptions.defaults(), data(10, 256, 0.3, false), 16, true, fixed(0.01),
			progress);
		assertEquals(Planner.AUTO_FOLDS, fits.plan().folds());
		assertEquals(Planner.AUTO_FOLDS, fits.options().folds());
		assertTrue(lines.stream().anyMatch(l -> l.contains("5 networks on folds (a cross-validation ensemble): 10 " +
			"labelled slices")), lines.toString());
		lines.clear();
		final Planner.Planned slow = Planner.plan(TrainingOptions.defaults(), data(10, 256, 0.3, false), 16, true, fixed(0.5),
			progress);
		assertEquals(1, slow.plan().folds());
		assertTrue(lines.stream().anyMatch(l -> l.contains("one network: the time budget of 20m does not fit 5 " +
			"networks")), lines.toString());
		final Planner.Planned large = Planner.plan(TrainingOptions.defaults(), data(60, 512, 0.3, false), 16, true, fixed(
			0.001), progress);
		assertEquals(1, large.plan().folds(), "15.7 megapixels: one network with a held-out slab");
	}

	@Test
	void manyTrainingPixelsTrainAWiderNetworkWhereHalfTheBudgetFitsItsFullLength() {
		// 80 training slices of 512 x 512: 21.0 megapixels, 160 steps' worth
		final Planner.Planned wide = Planner.plan(TrainingOptions.defaults(), data(100, 512, 0.3, true), 16, true,
			byWidth(0.2), progress);
		assertEquals(Planner.WIDE_FILTERS, wide.plan().baseFilters());
		assertEquals(Planner.WIDE_FILTERS, wide.options().baseFilters());
		assertEquals(0.2, wide.plan().secondsPerStep(), "the wider network's speed planned the length");
		assertEquals(2000, wide.plan().steps(), 40);
		assertTrue(lines.stream().anyMatch(l -> l.startsWith("  32 filters: 21.0 megapixels of training data, and " +
			"2000 steps of 32 filters take ")), lines.toString());
		lines.clear();
		// 2000 steps of 0.3 s and validation: more than 10 of the 20 minutes
		final Planner.Planned slow = Planner.plan(TrainingOptions.defaults(), data(100, 512, 0.3, true), 16, true,
			byWidth(0.3), progress);
		assertEquals(Planner.BASE_FILTERS, slow.plan().baseFilters());
		assertEquals(0.1, slow.plan().secondsPerStep());
		final String said = lines.stream().filter(l -> l.startsWith("  16 filters: ")).findFirst().orElseThrow();
		assertTrue(said.matches("  16 filters: 2000 steps of 32 filters take 1[0-9]m[0-9]+s at 0.300 s per step " +
			"measured on this machine, over half the time budget of 20m \\(time_budget=2[0-9]m would choose them\\)"),
			said);
		final String suggested = said.replaceAll(".*time_budget=(\\w+) .*", "$1");
		assertEquals(Planner.WIDE_FILTERS, Planner.plan(TrainingOptions.defaults().withTimeBudget(suggested), data(100,
			512, 0.3, true), 16, true, byWidth(0.3), progress).plan().baseFilters(), "the budget it suggests chooses them");
		lines.clear();
		assertEquals(Planner.BASE_FILTERS, Planner.plan(TrainingOptions.defaults(), data(40, 512, 0.3, true), 16, true,
			byWidth(0.2), progress).plan().baseFilters());
		assertTrue(lines.contains("  16 filters: 8.4 megapixels of training data (32 filters from 16.8)"), lines
			.toString());
		assertEquals(Planner.BASE_FILTERS, Planner.plan(TrainingOptions.defaults(), data(100, 512, 0.3, true), 16, false,
			byWidth(0.2), progress).plan().baseFilters(), "Pix2Pix: not measured wider");
		assertEquals(48, Planner.plan(TrainingOptions.defaults().withNetwork(TrainingOptions.AUTO, 48), data(100, 512,
			0.3, true), 16, true, byWidth(0.2), progress).plan().baseFilters(), "given: kept");
	}

	/** @return 0.1 s per step at 16 filters, {@code wide} at more */
	private static ToDoubleFunction<TrainingOptions> byWidth(final double wide) {
		return o -> o.baseFilters() > Planner.BASE_FILTERS ? wide : 0.1;
	}

	@Test
	void givenSettingsAreKeptAndNothingIsMeasuredForThem() {
		final AtomicInteger measured = new AtomicInteger();
		// precision given too: auto measures a step in both precisions where bfloat16 is native
		final Planner.Planned p = Planner.plan(TrainingOptions.defaults().withEpochs(15).withStepsPerEpoch(60).withNetwork(
			3, 32).withPrecision("float32"), data(10, 256, 0.3, false), 16, true, o -> {
				measured.incrementAndGet();
				return 0.01;
			}, progress);
		assertEquals(900, p.plan().steps());
		assertEquals(1, p.plan().folds(), "epochs given: one network");
		assertEquals(3, p.plan().depth());
		assertEquals(32, p.plan().baseFilters());
		assertEquals(0, measured.get());
		assertTrue(lines.contains("  15 epochs of 60 steps, as given"), lines.toString());
		final Planner.Planned three = Planner.plan(TrainingOptions.defaults().withEpochs(2).withFolds("3"), data(10, 256,
			0.3, false), 16, true, fixed(0.01), progress);
		assertEquals(3, three.plan().folds());
	}

	@Test
	void foldsTheDataCannotGiveAreRefusedInOneLine() {
		assertEquals("folds=3 needs the labelled slices to split: leave validation_images empty (each network " +
			"validates on the fold it did not see)", assertThrows(InvalidInputException.class, () -> Planner.plan(
				TrainingOptions.defaults().withFolds(3), data(10, 256, 0.3, true), 16, true, fixed(0.01), progress))
				.getMessage());
		assertEquals("folds=8 needs at least 8 labelled slices, but there are 6", assertThrows(
			InvalidInputException.class, () -> Planner.plan(TrainingOptions.defaults().withFolds(8), data(6, 256, 0.3,
				false), 16, true, fixed(0.01), progress)).getMessage());
		assertEquals("folds must be auto or a number from 1 (one network) to 10, not 'many'", assertThrows(
			InvalidInputException.class, () -> TrainingOptions.defaults().withFolds("many")).getMessage());
		assertEquals("folds must be auto or 1 to 10, not 11", assertThrows(InvalidInputException.class,
			() -> TrainingOptions.defaults().withFolds("11").validate()).getMessage());
	}

	@Test
	void rarePhasesAreSeenMoreOftenAndBalancedOnesAreNot() {
		assertEquals(1.0 / 3, Planner.plan(TrainingOptions.defaults(), data(10, 256, 0.01, true), 16, true, fixed(0.01),
			progress).plan().rarePatchShare());
		assertTrue(lines.stream().anyMatch(l -> l.contains("a third of the patches centred on a pixel of a phase " +
			"drawn uniformly: the phases are unbalanced (code 0 49.5%, code 1 49.5%, code 2 1.0%)")), lines
				.toString());
		assertEquals(0, Planner.plan(TrainingOptions.defaults(), data(10, 256, 0.3, true), 16, true, fixed(0.01), progress)
			.plan().rarePatchShare());
	}

	@Test
	void durationsAreReadAsUsersWriteThem() {
		assertEquals(1800, Durations.parse("time_budget", "30m"));
		assertEquals(5400, Durations.parse("time_budget", "1h30m"));
		assertEquals(7200, Durations.parse("time_budget", "2h"));
		assertEquals(90, Durations.parse("time_budget", "90s"));
		assertEquals(600, Durations.parse("time_budget", "10"), "a plain number is minutes");
		assertEquals(TrainingOptions.AUTO, Durations.parse("time_budget", "auto"));
		assertEquals("1h30m", Durations.format(5400));
		assertEquals("time_budget must be auto or a duration such as 30m, 2h, 1h30m or 900s, not 'soon'", assertThrows(
			InvalidInputException.class, () -> Durations.parse("time_budget", "soon")).getMessage());
		assertFalse(TrainingOptions.defaults().withTimeBudget("2h").asMap().get("time_budget").isEmpty());
	}

	private static ToDoubleFunction<TrainingOptions> fixed(final double seconds) {
		return o -> seconds;
	}

	/**
	 * @param rare the share of the third phase (the other two share the rest)
	 * @param validationGiven a fixed validation set (no folds possible) instead of a slab split off the slices
	 * @return {@code n} labelled slices of {@code side} x {@code side}, a fifth held out for validation
	 */
	private static TrainingData data(final int n, final int side, final double rare, final boolean validationGiven) {
		final Random random = new Random(1);
		final List<LabelledSlices.Slice> all = new ArrayList<>();
		for (int s = 0; s < n; s++) {
			final float[] pixels = new float[side * side];
			final byte[] classes = new byte[side * side];
			for (int i = 0; i < pixels.length; i++) {
				pixels[i] = random.nextFloat();
				classes[i] = (byte) (i < rare * pixels.length ? 2 : i % 2);
			}
			all.add(new LabelledSlices.Slice(pixels, classes, side, side, "slice " + (s + 1)));
		}
		final int held = Math.max(1, n / 5);
		final LabelledSlices training = new LabelledSlices(all.subList(0, n - held));
		final LabelledSlices validation = new LabelledSlices(all.subList(n - held, n));
		final double[] shares = { (1 - rare) / 2, (1 - rare) / 2, rare };
		final DataFingerprint fingerprint = new DataFingerprint(List.of(), new double[] { 0, 0.5, 1 }, shares,
			new double[][] { { 0, 0.5, 1 }, { 0, 0.5, 1 }, { 0, 0.5, 1 } });
		final LabelCoding coding = new LabelCoding(0, 1, 2);
		final Normalization normalization = new Normalization(0, 1);
		return validationGiven ? new TrainingData(training, validation, coding, normalization, fingerprint)
			: new TrainingData(training, validation, coding, normalization, fingerprint, new LabelledSlices(all), List.of(
				IntStream.range(0, n).boxed().toList()), null);
	}
}
