package org.xrayseg.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;

import org.xrayseg.core.loss.SegmentationLoss;
import org.xrayseg.core.model.UNetBlock;

/**
 * One Pix2Pix iteration on a batch: first the generator step with the
 * discriminator frozen (adversarial BCE + lambda * L1 between class
 * probabilities and one-hot labels), then the discriminator step on real pairs
 * and on the generator's output detached from its graph. Each step changes the
 * weights of its own network only.
 */
final class Pix2PixStep {

	/** The losses of one iteration. */
	record Losses(double adversarial, double l1, double discriminator) {}

	private final Trainer generator;
	private final Trainer discriminator;
	private final Adam generatorAdam;
	private final Adam discriminatorAdam;
	private final float l1Weight;

	Pix2PixStep(final Trainer generator, final Adam generatorAdam, final Trainer discriminator,
		final Adam discriminatorAdam, final double l1Weight)
	{
		this.generator = generator;
		this.discriminator = discriminator;
		this.generatorAdam = generatorAdam;
		this.discriminatorAdam = discriminatorAdam;
		this.l1Weight = (float) l1Weight;
	}

	/**
	 * @param injectNaN make the generator's loss NaN (see {@link FaultInjection})
	 * @throws NonFiniteException if a loss or gradient is not finite; the
	 *           network of that step is not updated
	 */
	Losses run(final PreparedBatch batch, final boolean injectNaN) {
		try (NDManager m = generator.getManager().newSubManager()) {
			// channels-last, for both networks
			final NDArray x = TrainingSetup.pixels(m, batch);
			final NDArray y = TrainingSetup.oneHot(m, batch);
			final NDArray[] fake = new NDArray[1];
			final double[] g = generatorStep(x, y, fake, injectNaN);
			return new Losses(g[0], g[1], discriminatorStep(x, y, fake[0]));
		}
	}

	/**
	 * Updates the generator only.
	 *
	 * @param x (N, 1, P, P) images; y (N, K, P, P) one-hot labels
	 * @param fake receives the generator's class probabilities, detached
	 * @param injectNaN make the loss NaN (see {@link FaultInjection})
	 * @return {adversarial loss, L1 loss}
	 */
	double[] generatorStep(final NDArray x, final NDArray y, final NDArray[] fake, final boolean injectNaN) {
		discriminator.getModel().getBlock().freezeParameters(true);
		try {
			final double adversarial;
			final double l1;
			final double loss;
			try (GradientCollector collector = generator.newGradientCollector()) {
				final NDArray probabilities = generator.forward(new NDList(x)).singletonOrThrow().softmax(1);
				final NDArray judged = discriminator.forward(new NDList(pair(x, probabilities))).singletonOrThrow();
				final NDArray adversarialLoss = SegmentationLoss.bceWithLogits(judged, 1);
				final NDArray l1Loss = SegmentationLoss.l1(probabilities, y);
				NDArray total = adversarialLoss.add(l1Loss.mul(l1Weight));
				if (injectNaN) total = total.mul(Float.NaN);
				collector.backward(total);
				((UNetBlock) generator.getModel().getBlock()).masterWeights().backward(collector);
				loss = total.getFloat();
				adversarial = adversarialLoss.getFloat();
				l1 = l1Loss.getFloat();
				fake[0] = probabilities.stopGradient();
			}
			generatorAdam.step(loss);
			return new double[] { adversarial, l1 };
		}
		finally {
			discriminator.getModel().getBlock().freezeParameters(false);
		}
	}

	/**
	 * Updates the discriminator only: real pairs (image, one-hot labels) should
	 * score 1, fake pairs (image, detached generator output) 0.
	 *
	 * @return the discriminator loss
	 */
	double discriminatorStep(final NDArray x, final NDArray y, final NDArray fake) {
		final double loss;
		try (GradientCollector collector = discriminator.newGradientCollector()) {
			final NDArray real = discriminator.forward(new NDList(pair(x, y))).singletonOrThrow();
			final NDArray forged = discriminator.forward(new NDList(pair(x, fake))).singletonOrThrow();
			final NDArray l = SegmentationLoss.bceWithLogits(real, 1).add(SegmentationLoss.bceWithLogits(forged, 0))
				.mul(0.5f);
			collector.backward(l);
			loss = l.getFloat();
		}
		discriminatorAdam.step(loss);
		return loss;
	}

	/** @return (N, 1 + K, P, P): the image and a class-probability map side by side */
	private static NDArray pair(final NDArray x, final NDArray probabilities) {
		return NDArrays.concat(new NDList(x, probabilities), 1);
	}
}
