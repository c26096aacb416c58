package org.xrayseg.core.train;

import java.util.LinkedHashMap;
import java.util.Map;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.Trainer;

import org.xrayseg.core.model.DjlRuntime;
import org.xrayseg.core.model.ModelMetadata;
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
 * like a U-Net.
 */
public final class Pix2PixTrainer {

	private Pix2PixTrainer() {}

	/** Trains on prepared data (see {@link TrainingJob#prepare}); the model is owned by the caller. */
	public static SegmentationModel train(final TrainingJob.Prepared data, final Pix2PixOptions options,
		final ProgressListener progress)
	{
		options.validate();
		final TrainingOptions o = options.common();
		PatchFit.check(data.training(), o.patchSize(), 1 << o.depth());
		final Device device = DjlRuntime.device(o.device());
		DjlRuntime.inferenceOnThisThread();
		DjlRuntime.engine().setRandomSeed((int) o.seed());
		final int classes = data.coding().classes();
		final NetworkSpec spec = NetworkSpec.pix2pix(o.depth(), o.baseFilters(), classes, options.residualBlocks(),
			options.dropout());
		final SegmentationModel generator = SegmentationModel.create(ModelMetadata.create(spec, data.coding(), data
			.normalization(), o.patchSize(), null), device);
		try {
			final EpochLoop loop = new EpochLoop(o.epochs(), o.stepsPerEpoch(), data.validation(), o.tileSize(),
				progress);
			final int updates = o.epochs() * o.stepsPerEpoch();
			try (Model discriminator = Model.newInstance("patchgan", device);
				Trainer g = generator.djlModel().newTrainer(Optimizers.adam(o.learningRate(), options.beta1(), updates,
					device)))
			{
				discriminator.setBlock(PatchDiscriminator.build(options.discriminatorFilters()));
				try (Trainer d = discriminator.newTrainer(Optimizers.adam(options.discriminatorLearningRate(), options
					.beta1(), updates, device)))
				{
					g.initialize(new Shape(o.batchSize(), 1, o.patchSize(), o.patchSize()));
					d.initialize(new Shape(o.batchSize(), 1 + classes, o.patchSize(), o.patchSize()));
					final Pix2PixStep step = new Pix2PixStep(g, d, classes, options.l1Weight());
					final PatchSampler sampler = new PatchSampler(data.training(), o.patchSize(), o.augment(), o.seed());
					for (int epoch = 1; epoch <= o.epochs(); epoch++)
						runEpoch(step, sampler, o, epoch, loop, generator, progress);
				}
			}
			loop.keepBest(generator, options.asMap(), device);
			return generator;
		}
		catch (final RuntimeException e) {
			generator.close();
			throw e;
		}
	}

	private static void runEpoch(final Pix2PixStep step, final PatchSampler sampler, final TrainingOptions o,
		final int epoch, final EpochLoop loop, final SegmentationModel generator, final ProgressListener progress)
	{
		double adversarial = 0;
		double l1 = 0;
		double discriminator = 0;
		for (int s = 1; s <= o.stepsPerEpoch(); s++) {
			progress.checkCancelled();
			final Pix2PixStep.Losses l = step.run(sampler.next(o.batchSize()));
			adversarial += l.adversarial();
			l1 += l.l1();
			discriminator += l.discriminator();
			loop.stepDone(epoch, s, l1 / s);
		}
		final Map<String, Double> losses = new LinkedHashMap<>();
		losses.put("generator_adversarial", adversarial / o.stepsPerEpoch());
		losses.put("l1", l1 / o.stepsPerEpoch());
		losses.put("discriminator", discriminator / o.stepsPerEpoch());
		loop.endEpoch(generator, epoch, losses);
	}
}
