package org.xrayseg.core.train;

import java.util.LinkedHashMap;
import java.util.Map;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.Trainer;

import org.xrayseg.core.data.TrainingData;
import org.xrayseg.core.error.InvalidInputException;
import org.xrayseg.core.model.Flops;
import org.xrayseg.core.model.NetworkSpec;
import org.xrayseg.core.model.PatchDiscriminator;
import org.xrayseg.core.model.SegmentationModel;
import org.xrayseg.core.progress.ProgressListener;

/**
 * Trains a Pix2Pix conditional GAN for segmentation: a U-Net generator with
 * residual blocks at the bottleneck maps an image to class probabilities, a
 * PatchGAN discriminator judges (image, probabilities) pairs. The generator
 * minimises adversarial BCE + lambda * L1 against the one-hot labels. Only
 * the generator is kept (as {@link Planner} chose: the mean weights of the last
 * epochs); it segments like a U-Net. Checkpoints hold both networks and both
 * optimisers.
 */
public final class Pix2PixTrainer {

	private static final String GENERATOR = "generator.params";
	private static final String GENERATOR_ADAM = "generator-adam.bin";
	private static final String DISCRIMINATOR = "discriminator.params";
	private static final String DISCRIMINATOR_ADAM = "discriminator-adam.bin";

	/** The two networks, their trainers and optimisers: what a step needs. */
	private static final class Game implements AutoCloseable {

		final Model discriminator;
		final Trainer g;
		final Trainer d;
		final Adam gAdam;
		final Adam dAdam;
		final Pix2PixStep step;

		Game(final SegmentationModel generator, final NetworkSpec spec, final Pix2PixOptions options,
			final int classes, final int updates)
		{
			final TrainingOptions o = options.common();
			final Device device = generator.device();
			discriminator = Model.newInstance("patchgan", device);
			discriminator.setBlock(PatchDiscriminator.build(options.discriminatorFilters()));
			g = generator.djlModel().newTrainer(TrainingSetup.config(device));
			d = discriminator.newTrainer(TrainingSetup.config(device));
			g.initialize(new Shape(o.batchSize(), spec.inputChannels(), o.patchSize(), o.patchSize()));
			d.initialize(new Shape(o.batchSize(), spec.inputChannels() + classes, o.patchSize(), o.patchSize()));
			gAdam = new Adam("generator", generator.block(), o.learningRate(), options.beta1(), updates, g.getManager());
			dAdam = new Adam("discriminator", discriminator.getBlock(), options.discriminatorLearningRate(), options
				.beta1(), updates, d.getManager());
			step = new Pix2PixStep(g, gAdam, d, dAdam, options.l1Weight(), TrainingPrecision.dataType(o) ==
				DataType.BFLOAT16);
		}

		@Override
		public void close() {
			d.close();
			g.close();
			discriminator.close();
		}
	}

	private Pix2PixTrainer() {}

	/**
	 * @param options the settings, checked here: a bad value fails before any data is read
	 * @return the trainer of Pix2Pix generators with these settings, for {@link TrainingRun}
	 */
	public static TrainingRun.NetworkTrainer of(final Pix2PixOptions options) {
		options.validate();
		return new TrainingRun.NetworkTrainer() {

			@Override
			public Planner.Planned plan(final TrainingData data, final ProgressListener progress) {
				return Pix2PixTrainer.plan(options, data, progress);
			}

			@Override
			public SegmentationModel train(final TrainingData data, final Planner.Planned planned,
				final Checkpoint checkpoint, final int fold, final ProgressListener progress)
			{
				return Pix2PixTrainer.train(data, options.withCommon(planned.options()), planned, checkpoint, fold,
					progress);
			}
		};
	}

	/** Trains on prepared data (see {@link TrainingData#prepare}) without checkpoints. */
	public static SegmentationModel train(final TrainingData data, final Pix2PixOptions options,
		final ProgressListener progress)
	{
		return train(data, options, null, progress);
	}

	/**
	 * Plans and trains one generator (folds=auto means one here; {@link TrainingRun} trains ensembles).
	 *
	 * @param checkpoint saved after every epoch and resumed from if asked, or null
	 * @return the generator (owned by the caller) with its training history in the metadata
	 */
	public static SegmentationModel train(final TrainingData data, final Pix2PixOptions given,
		final Checkpoint checkpoint, final ProgressListener progress)
	{
		given.validate();
		Planner.requireOneNetwork(given.common());
		final Pix2PixOptions one = given.withCommon(given.common().withFolds(1));
		final Planner.Planned planned = plan(one, data, progress);
		return train(data, one.withCommon(planned.options()), planned, checkpoint, 0, progress);
	}

	private static Planner.Planned plan(final Pix2PixOptions options, final TrainingData data,
		final ProgressListener progress)
	{
		requireCompleteLabels(data);
		return Planner.plan(InitialModel.adopt(options.common(), progress), data, Pix2PixOptions.MIN_PATCH, false,
			candidate -> secondsPerStep(data, options.withCommon(candidate)), progress);
	}

	private static void requireCompleteLabels(final TrainingData data) {
		if (data.coding().unlabelled() >= 0) throw new InvalidInputException("Pix2Pix needs complete labels: its " +
			"discriminator judges whole label maps; train a U-Net on labels with unlabelled pixels (unlabelled=" + data
				.coding().unlabelled() + ")");
	}

	private static SegmentationModel train(final TrainingData data, final Pix2PixOptions options,
		final Planner.Planned planned, final Checkpoint checkpoint, final int fold, final ProgressListener progress)
	{
		requireCompleteLabels(data);
		data.describeSplit(progress);
		final TrainingOptions o = options.common();
		final int classes = data.coding().classes();
		final NetworkSpec spec = spec(options, data);
		final SegmentationModel generator = TrainingSetup.newNetwork(data, planned, spec);
		final Device device = generator.device();
		try {
			final EpochLoop loop = new EpochLoop(planned, data.validation(), progress, checkpoint, options.asMap(),
				fold).measuring(Flops.trainingStep(spec, o.patchSize(), options.discriminatorFilters()));
			try (Game game = new Game(generator, spec, options, classes, o.epochs() * o.stepsPerEpoch())) {
				final Map<String, byte[]> saved = loop.resume();
				if (saved != null) {
					Weights.restoreInPlace(generator.block(), spec::build, saved.get(GENERATOR), game.g.getManager());
					Weights.restoreInPlace(game.discriminator.getBlock(), () -> PatchDiscriminator.build(options
						.discriminatorFilters()), saved.get(DISCRIMINATOR), game.d.getManager());
					game.gAdam.restore(saved.get(GENERATOR_ADAM));
					game.dAdam.restore(saved.get(DISCRIMINATOR_ADAM));
				}
				else InitialModel.loadWeights(generator, o, game.g.getManager(), loop, progress);
				windDown(game, loop);
				for (int epoch = loop.firstEpoch(); !loop.endedBefore(epoch); epoch++) {
					final Map<String, Double> losses = runEpoch(game.step, TrainingSetup.epochRandomness(data
						.training(), planned, epoch), classes, o, epoch, loop, progress);
					final Map<String, byte[]> state = new LinkedHashMap<>();
					state.put(GENERATOR, generator.weights());
					state.put(GENERATOR_ADAM, game.gAdam.state());
					state.put(DISCRIMINATOR, SegmentationModel.serialise(game.discriminator.getBlock()));
					state.put(DISCRIMINATOR_ADAM, game.dAdam.state());
					loop.endEpoch(generator, epoch, losses, state);
					windDown(game, loop);
				}
			}
			loop.keep(generator, device);
			generator.setMetadata(generator.metadata().withCalibration(ShiftFit.calibrate(generator, data.validation(),
				planned.options(), progress)));
			return generator;
		}
		catch (final RuntimeException e) {
			generator.close();
			throw e;
		}
	}

	private static void windDown(final Game game, final EpochLoop loop) {
		game.gAdam.endAt(loop.windDownFrom(), loop.totalSteps());
		game.dAdam.endAt(loop.windDownFrom(), loop.totalSteps());
	}

	private static NetworkSpec spec(final Pix2PixOptions options, final TrainingData data) {
		final TrainingOptions o = options.common();
		return InitialModel.network(o, NetworkSpec.pix2pix(o.depth(), o.baseFilters(), data.coding().classes(),
			options.residualBlocks(), options.dropout()).withContext(o.contextSlices()), data);
	}

	/** @return the seconds of one iteration (both networks) with {@code options} on this machine (cached) */
	private static double secondsPerStep(final TrainingData data, final Pix2PixOptions options) {
		final TrainingOptions o = options.common();
		final NetworkSpec spec = spec(options, data);
		return StepTimer.secondsPerStep("pix2pix discriminator " + options.discriminatorFilters(), spec, o, () -> {
			try (SegmentationModel generator = TrainingSetup.newNetwork(data, o, spec);
				Game game = new Game(generator, spec, options, data.coding().classes(), 1))
			{
				final PatchSampler sampler = new PatchSampler(data.training(), o.patchSize(), TrainingSetup
					.augmentation(o), o.seed());
				return StepTimer.fastest(() -> game.step.run(PreparedBatch.of(sampler.next(o.batchSize()), data.coding()
					.classes()), false));
			}
		});
	}

	private static Map<String, Double> runEpoch(final Pix2PixStep step, final PatchSampler sampler,
		final int classes, final TrainingOptions o, final int epoch, final EpochLoop loop,
		final ProgressListener progress)
	{
		double adversarial = 0;
		double l1 = 0;
		double discriminator = 0;
		try (BatchQueue batches = new BatchQueue(sampler, o.batchSize(), classes, o.stepsPerEpoch())) {
			for (int s = 1; s <= o.stepsPerEpoch(); s++) {
				progress.checkCancelled();
				final Pix2PixStep.Losses l;
				try {
					l = step.run(batches.next(), FaultInjection.nanLossAt(epoch, s));
				}
				catch (final NonFiniteException e) {
					throw loop.diverged(epoch, s, e);
				}
				adversarial += l.adversarial();
				l1 += l.l1();
				discriminator += l.discriminator();
				loop.stepDone(epoch, s, l1 / s);
			}
		}
		final Map<String, Double> losses = new LinkedHashMap<>();
		losses.put("generator_adversarial", adversarial / o.stepsPerEpoch());
		losses.put("l1", l1 / o.stepsPerEpoch());
		losses.put("discriminator", discriminator / o.stepsPerEpoch());
		return losses;
	}
}
