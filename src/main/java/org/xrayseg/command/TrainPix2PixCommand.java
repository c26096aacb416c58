package org.xrayseg.command;

import org.scijava.command.Command;
import org.scijava.plugin.Attr;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.xrayseg.core.model.NetworkSpec;
import org.xrayseg.core.train.Pix2PixOptions;
import org.xrayseg.core.train.Pix2PixTrainer;
import org.xrayseg.core.train.TrainingOptions;
import org.xrayseg.core.train.TrainingRun;

/** Trains a Pix2Pix conditional GAN on labelled slices and saves its generator as a model file. */
@Plugin(type = Command.class, name = "train-pix2pix", label = "Train Pix2Pix", headless = true,
	description = "Train a Pix2Pix conditional GAN (residual U-Net generator, PatchGAN discriminator, adversarial + L1 loss), keep the best generator")
public class TrainPix2PixCommand extends AbstractTrainingCommand {

	@Parameter(label = "Discriminator learning rate", min = "0.000001", max = "1", stepSize = "0.0001",
		description = "Initial Adam learning rate of the discriminator")
	private double discriminator_learning_rate = Pix2PixOptions.DISCRIMINATOR_LEARNING_RATE;

	@Parameter(label = "Adam beta1", min = "0", max = "0.999", stepSize = "0.05",
		description = "Adam's beta1 for both networks")
	private double beta1 = Pix2PixOptions.BETA1;

	@Parameter(label = "L1 weight (lambda)", min = "0", max = "10000",
		description = "Weight of the L1 loss between class probabilities and labels, against the adversarial loss")
	private double l1_weight = Pix2PixOptions.L1_WEIGHT;

	@Parameter(label = "Residual blocks", min = "0", max = "32", description = "Residual blocks at the generator's bottleneck")
	private int residual_blocks = Pix2PixOptions.RESIDUAL_BLOCKS;

	@Parameter(label = "Dropout", min = "0", max = "0.9", stepSize = "0.05",
		description = "Dropout rate in the generator's deepest decoder levels during training")
	private double dropout = Pix2PixOptions.DROPOUT;

	@Parameter(label = "Discriminator filters", min = "16", max = "256", stepSize = "16", attrs = @Attr(
		name = ParameterAttributes.RANGE_REASON, value = NetworkSpec.WIDTH_REASON),
		description = "Feature maps of the discriminator's first layer (doubled in the next three); " + ParameterTexts.WIDTH_RULE)
	private int discriminator_filters = Pix2PixOptions.DISCRIMINATOR_FILTERS;

	public TrainPix2PixCommand() {
		learning_rate = Pix2PixOptions.GENERATOR_LEARNING_RATE;
	}

	@Override
	protected TrainingRun.NetworkTrainer trainer(final TrainingOptions options) {
		return Pix2PixTrainer.of(new Pix2PixOptions(options, discriminator_learning_rate, beta1, l1_weight,
			residual_blocks, dropout, discriminator_filters));
	}
}
