package org.xrayseg.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;

import org.xrayseg.core.loss.Scalars;
import org.xrayseg.core.loss.SegmentationLoss;
import org.xrayseg.core.model.PatchDiscriminator;
import org.xrayseg.core.runtime.TorchScriptOps;

/**
 * One Pix2Pix iteration on a batch: first the generator step with the
 * discriminator frozen (adversarial BCE + lambda * L1 between class
 * probabilities and one-hot labels), then the discriminator step on real pairs
 * and on the generator's output detached from its graph. Each step changes the
 * weights of its own network only.
 * <p>
 * In mixed precision both networks compute in bfloat16 on bfloat16 copies of
 * their float32 weights, and the discriminator judges bfloat16 copies of its
 * pairs; autograd records the copies ({@link TorchScriptOps#toBFloat16}), so
 * the gradients reach the float32 weights, and the generator's through the
 * discriminator as in float32. Losses are float32.
 */
final class Pix2PixStep {

	/** The losses of one iteration. */
	record Losses(double adversarial, double l1, double discriminator) {}

	private final Trainer generator;
	private final Trainer discriminator;
	private final Adam generatorAdam;
	private final Adam discriminatorAdam;
	private final float l1Weight;
	/** Whether both networks compute in bfloat16 (mixed precision). */
	private final boolean mixed;

	/** @param bfloat16 whether the networks compute in bfloat16 (mixed precision) */
	Pix2PixStep(final Trainer generator, final Adam generatorAdam, final Trainer discriminator,
		final Adam discriminatorAdam, final double l1Weight, final boolean bfloat16)
	{
		this.generator = generator;
		this.discriminator = discriminator;
		this.generatorAdam = generatorAdam;
		this.discriminatorAdam = discriminatorAdam;
		this.l1Weight = (float) l1Weight;
		this.mixed = bfloat16;
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
		final double[] losses;
		try (GradientCollector collector = generator.newGradientCollector()) {
			losses = generatorGradients(collector, x, y, fake, injectNaN);
		}
		generatorAdam.step(losses[2]);
		return new double[] { losses[0], losses[1] };
	}

	/**
	 * The gradients of the generator's loss on the generator's weights (the
	 * discriminator's weights get none).
	 *
	 * @return {adversarial loss, L1 loss, their weighted sum}
	 */
	double[] generatorGradients(final GradientCollector collector, final NDArray x, final NDArray y,
		final NDArray[] fake, final boolean injectNaN)
	{
		discriminator.getModel().getBlock().freezeParameters(true);
		try {
			final NDArray probabilities = generator.forward(new NDList(x)).singletonOrThrow().softmax(1);
			final NDArray adversarialLoss = SegmentationLoss.bceWithLogits(judge(x, probabilities), 1);
			final NDArray l1Loss = SegmentationLoss.l1(probabilities, y);
			NDArray total = adversarialLoss.add(Scalars.times(l1Loss, l1Weight));
			if (injectNaN) total = Scalars.times(total, Float.NaN);
			collector.backward(total);
			fake[0] = probabilities.stopGradient();
			return new double[] { adversarialLoss.getFloat(), l1Loss.getFloat(), total.getFloat() };
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
			loss = discriminatorGradients(collector, x, y, fake);
		}
		discriminatorAdam.step(loss);
		return loss;
	}

	/** @return the discriminator's loss, whose gradients on the discriminator's weights are computed */
	double discriminatorGradients(final GradientCollector collector, final NDArray x, final NDArray y,
		final NDArray fake)
	{
		final NDArray real = judge(x, y);
		final NDArray forged = judge(x, fake);
		final NDArray l = Scalars.times(SegmentationLoss.bceWithLogits(real, 1).add(SegmentationLoss.bceWithLogits(
			forged, 0)), 0.5f);
		collector.backward(l);
		return l.getFloat();
	}

	/**
	 * @param x (N, 1, P, P) images; probabilities (N, K, P, P) class probabilities (one-hot for real pairs): float32
	 * @return the discriminator's float32 logits of the pairs (image, probabilities), computed in bfloat16 in mixed
	 *         precision
	 */
	private NDArray judge(final NDArray x, final NDArray probabilities) {
		if (!mixed) return discriminator.forward(new NDList(NDArrays.concat(new NDList(x, probabilities), 1)))
			.singletonOrThrow();
		final NDManager step = probabilities.getManager();
		return PatchDiscriminator.forwardMixed(discriminator.getModel().getBlock(), NDArrays.concat(new NDList(
			TorchScriptOps.toBFloat16(x, step), TorchScriptOps.toBFloat16(probabilities, step)), 1));
	}
}
