package org.xrayseg.core.train;

import java.util.LinkedHashMap;
import java.util.Map;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.Trainer;

import org.xrayseg.core.data.TrainingData;
import org.xrayseg.core.error.InvalidInputException;
import org.xrayseg.core.model.NetworkSpec;
import org.xrayseg.core.model.PatchDiscriminator;
import org.xrayseg.core.model.SegmentationModel;
import org.xrayseg.core.progress.ProgressListener;

/**
 * Trains a Pix2Pix conditional GAN for segmentation: a U-Net generator with
 * residual blocks at the bottleneck maps an image to class probabilities, a
 * PatchGAN discriminator judges (image, probabilities) pairs. The generator
 * minimises adversarial BCE + lambda * L1 against the one-hot labels. Only
 * the generator is kept (the epoch with the best validation Dice); it segments
 * like a U-Net. Checkpoints hold both networks and both optimisers.
 */
public final class Pix2PixTrainer {

	private static final String GENERATOR = "generator.params";
	private static final String GENERATOR_ADAM = "generator-adam.bin";
	private static final String DISCRIMINATOR = "discriminator.params";
	private static final String DISCRIMINATOR_ADAM = "discriminator-adam.bin";

	private Pix2PixTrainer() {}

	/** Trains on prepared data (see {@link TrainingData#prepare}) without checkpoints. */
	public static SegmentationModel train(final TrainingData data, final Pix2PixOptions options,
		final ProgressListener progress)
	{
		return train(data, options, null, progress);
	}

	/**
	 * @param checkpoint saved after every epoch and resumed from if asked, or null
	 * @return the generator (owned by the caller) with its training history in the metadata
	 */
	public static SegmentationModel train(final TrainingData data, final Pix2PixOptions given,
		final Checkpoint checkpoint, final ProgressListener progress)
	{
		given.validate();
		if (data.coding().unlabelled() >= 0) throw new InvalidInputException("Pix2Pix needs complete labels: its " +
			"discriminator judges whole label maps; train a U-Net on labels with unlabelled pixels (unlabelled=" + data
				.coding().unlabelled() + ")");
		final Pix2PixOptions options = given.withCommon(TrainingPlan.resolve(InitialModel.adopt(given.common(),
			progress), data, Pix2PixOptions.MIN_PATCH, progress));
		final TrainingOptions o = options.common();
		final int classes = data.coding().classes();
		final NetworkSpec spec = InitialModel.network(o, NetworkSpec.pix2pix(o.depth(), o.baseFilters(), classes,
			options.residualBlocks(), options.dropout()).withContext(o.contextSlices()), data);
		final SegmentationModel generator = TrainingSetup.newNetwork(data, o, spec);
		final Device device = generator.device();
		try {
			final EpochLoop loop = new EpochLoop(o, data.validation(), progress, checkpoint, options.asMap(), false);
			final int updates = o.epochs() * o.stepsPerEpoch();
			try (Model discriminator = Model.newInstance("patchgan", device);
				Trainer g = generator.djlModel().newTrainer(TrainingSetup.config(device)))
			{
				discriminator.setBlock(PatchDiscriminator.build(options.discriminatorFilters()));
				try (Trainer d = discriminator.newTrainer(TrainingSetup.config(device))) {
					g.initialize(new Shape(o.batchSize(), spec.inputChannels(), o.patchSize(), o.patchSize()));
					d.initialize(new Shape(o.batchSize(), spec.inputChannels() + classes, o.patchSize(), o.patchSize()));
					final Adam gAdam = new Adam("generator", generator.block(), o.learningRate(), options.beta1(),
						updates, g.getManager());
					final Adam dAdam = new Adam("discriminator", discriminator.getBlock(), options
						.discriminatorLearningRate(), options.beta1(), updates, d.getManager());
					final Map<String, byte[]> saved = loop.resume();
					if (saved != null) {
						Weights.restoreInPlace(generator.block(), spec::build, saved.get(GENERATOR), g.getManager());
						Weights.restoreInPlace(discriminator.getBlock(), () -> PatchDiscriminator.build(options
							.discriminatorFilters()), saved.get(DISCRIMINATOR), d.getManager());
						gAdam.restore(saved.get(GENERATOR_ADAM));
						dAdam.restore(saved.get(DISCRIMINATOR_ADAM));
					}
					else InitialModel.loadWeights(generator, o, g.getManager(), loop, progress);
					final Pix2PixStep step = new Pix2PixStep(g, gAdam, d, dAdam, classes, options.l1Weight());
					for (int epoch = loop.firstEpoch(); !loop.endedBefore(epoch); epoch++) {
						final Map<String, Double> losses = runEpoch(step, TrainingSetup.epochRandomness(data.training(), o,
							epoch), o, epoch, loop, progress);
						final Map<String, byte[]> state = new LinkedHashMap<>();
						state.put(GENERATOR, generator.weights());
						state.put(GENERATOR_ADAM, gAdam.state());
						state.put(DISCRIMINATOR, Weights.of(discriminator.getBlock()));
						state.put(DISCRIMINATOR_ADAM, dAdam.state());
						loop.endEpoch(generator, epoch, losses, state);
					}
				}
			}
			loop.keepBest(generator, device);
			return generator;
		}
		catch (final RuntimeException e) {
			generator.close();
			throw e;
		}
	}

	private static Map<String, Double> runEpoch(final Pix2PixStep step, final PatchSampler sampler,
		final TrainingOptions o, final int epoch, final EpochLoop loop, final ProgressListener progress)
	{
		double adversarial = 0;
		double l1 = 0;
		double discriminator = 0;
		for (int s = 1; s <= o.stepsPerEpoch(); s++) {
			progress.checkCancelled();
			final Pix2PixStep.Losses l;
			try {
				l = step.run(sampler.next(o.batchSize()), FaultInjection.nanLossAt(epoch, s));
			}
			catch (final NonFiniteException e) {
				throw loop.diverged(epoch, s, e);
			}
			adversarial += l.adversarial();
			l1 += l.l1();
			discriminator += l.discriminator();
			loop.stepDone(epoch, s, l1 / s);
		}
		final Map<String, Double> losses = new LinkedHashMap<>();
		losses.put("generator_adversarial", adversarial / o.stepsPerEpoch());
		losses.put("l1", l1 / o.stepsPerEpoch());
		losses.put("discriminator", discriminator / o.stepsPerEpoch());
		return losses;
	}
}
