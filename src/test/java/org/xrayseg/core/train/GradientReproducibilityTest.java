package org.xrayseg.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.util.Pair;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.xrayseg.core.loss.SegmentationLoss;
import org.xrayseg.core.model.MemoryLayout;
import org.xrayseg.core.model.NetworkSpec;
import org.xrayseg.core.model.PatchDiscriminator;
import org.xrayseg.core.model.UNetBlock;
import org.xrayseg.core.runtime.DjlRuntime;

/**
 * The gradients of a training step do not depend on what native memory held
 * before. PyTorch's CPU convolutions read uninitialised padding for widths that
 * are not multiples of 16 on some processors; filling freed native blocks with
 * NaN before every backward pass makes any such read show as a NaN or as
 * gradients that differ between two passes over the same batch. The networks
 * are built at the narrowest widths the keys accept.
 */
@Tag("trains")
class GradientReproducibilityTest {

	private static final int BATCH = 2;
	private static final int PATCH = 32;
	private static final int CLASSES = 3;

	@Test
	void uNetGradientsAreFiniteTheSameOnEveryPassAndTheSameInBothLayouts() {
		try (Model unet = uNet(); Trainer trainer = trainer(unet)) {
			final NDManager m = trainer.getManager();
			// training runs channels-last (MemoryLayout): other kernels of oneDNN than on NCHW maps
			final NDArray nchwX = m.randomNormal(new Shape(BATCH, 1, PATCH, PATCH));
			final NDArray nchwY = oneHot(m);
			final LossOf loss = crossEntropy(trainer, MemoryLayout.channelsLast(nchwX), MemoryLayout.channelsLast(
				nchwY));
			final List<float[]> first = pass(trainer, unet.getBlock(), loss);
			assertSameAndFinite(first, pass(trainer, unet.getBlock(), loss));
			assertClose(first, pass(trainer, unet.getBlock(), crossEntropy(trainer, nchwX, nchwY)), 1e-4);
		}
	}

	@Test
	void aUNetWithContextSlicesGetsFiniteGradientsTheSameOnEveryPass() {
		// 2.5D: the slice and its two neighbours, three input channels
		try (Model unet = model(NetworkSpec.unet(2, NetworkSpec.CHANNEL_MULTIPLE, CLASSES).withContext(1).build());
			Trainer trainer = unet.newTrainer(TrainingSetup.config(Device.cpu())))
		{
			trainer.initialize(new Shape(BATCH, 3, PATCH, PATCH));
			final NDManager m = trainer.getManager();
			final LossOf loss = crossEntropy(trainer, MemoryLayout.channelsLast(m.randomNormal(new Shape(BATCH, 3,
				PATCH, PATCH))), MemoryLayout.channelsLast(oneHot(m)));
			assertSameAndFinite(pass(trainer, unet.getBlock(), loss), pass(trainer, unet.getBlock(), loss));
		}
	}

	@Test
	void mixedPrecisionGradientsReachTheFloat32WeightsFiniteTheSameOnEveryPassAndLikeFloat32s() {
		try (Model unet = uNet(); Trainer trainer = trainer(unet)) {
			final NDManager m = trainer.getManager();
			final LossOf loss = crossEntropy(trainer, MemoryLayout.channelsLast(m.randomNormal(new Shape(BATCH, 1,
				PATCH, PATCH))), MemoryLayout.channelsLast(oneHot(m)));
			final UNetBlock block = (UNetBlock) unet.getBlock();
			final List<float[]> float32 = pass(trainer, block, loss);
			block.computeIn(DataType.BFLOAT16);
			final List<float[]> first = pass(trainer, block, loss);
			assertSameAndFinite(first, pass(trainer, block, loss));
			assertSameDirection(float32, first);
		}
	}

	@Test
	void generatorGradientsThroughTheDiscriminatorAreFiniteAndTheSameOnEveryPass() {
		try (Pix2Pix game = new Pix2Pix()) {
			game.d.getBlock().freezeParameters(true);
			final NDManager m = game.gt.getManager();
			final NDArray x = MemoryLayout.channelsLast(m.randomNormal(new Shape(BATCH, 1, PATCH, PATCH)));
			final LossOf adversarial = () -> {
				final NDArray probabilities = game.gt.forward(new NDList(x)).singletonOrThrow().softmax(1);
				return SegmentationLoss.bceWithLogits(game.dt.forward(new NDList(NDArrays.concat(new NDList(x,
					probabilities), 1))).singletonOrThrow(), 1);
			};
			assertSameAndFinite(pass(game.gt, game.g.getBlock(), adversarial), pass(game.gt, game.g.getBlock(),
				adversarial));
		}
	}

	@Test
	void mixedPrecisionPix2PixGradientsOfBothNetworksAreFiniteTheSameOnEveryPassAndLikeFloat32s() {
		try (Pix2Pix game = new Pix2Pix()) {
			final NDManager m = game.gt.getManager();
			final NDArray x = MemoryLayout.channelsLast(m.randomNormal(new Shape(BATCH, 1, PATCH, PATCH)));
			final NDArray y = MemoryLayout.channelsLast(oneHot(m));
			final NDArray fake = MemoryLayout.channelsLast(m.randomNormal(new Shape(BATCH, CLASSES, PATCH, PATCH))
				.softmax(1));
			// L1 weight 1: the adversarial gradient, which passes through the discriminator, counts
			final Pix2PixStep float32 = new Pix2PixStep(game.gt, null, game.dt, null, 1, false);
			final Pix2PixStep mixed = new Pix2PixStep(game.gt, null, game.dt, null, 1, true);
			final Backward generator32 = c -> float32.generatorGradients(c, x, y, new NDArray[1], false);
			final Backward discriminator32 = c -> float32.discriminatorGradients(c, x, y, fake);
			final List<float[]> g32 = pass(game.gt, game.g.getBlock(), generator32);
			final List<float[]> d32 = pass(game.dt, game.d.getBlock(), discriminator32);
			((UNetBlock) game.g.getBlock()).computeIn(DataType.BFLOAT16);
			final Backward generator16 = c -> mixed.generatorGradients(c, x, y, new NDArray[1], false);
			final Backward discriminator16 = c -> mixed.discriminatorGradients(c, x, y, fake);
			final List<float[]> g16 = pass(game.gt, game.g.getBlock(), generator16);
			assertSameAndFinite(g16, pass(game.gt, game.g.getBlock(), generator16));
			assertSameDirection(g32, g16);
			final List<float[]> d16 = pass(game.dt, game.d.getBlock(), discriminator16);
			assertSameAndFinite(d16, pass(game.dt, game.d.getBlock(), discriminator16));
			assertSameDirection(d32, d16);
		}
	}

	private interface LossOf {

		NDArray compute();
	}

	/** A Pix2Pix generator and discriminator of the narrowest width the keys accept, with their trainers. */
	private static final class Pix2Pix implements AutoCloseable {

		final Model g = model(NetworkSpec.pix2pix(2, NetworkSpec.CHANNEL_MULTIPLE, CLASSES, 1, 0).build());
		final Model d = model(PatchDiscriminator.build(NetworkSpec.CHANNEL_MULTIPLE));
		final Trainer gt = g.newTrainer(TrainingSetup.config(Device.cpu()));
		final Trainer dt = d.newTrainer(TrainingSetup.config(Device.cpu()));

		Pix2Pix() {
			gt.initialize(new Shape(BATCH, 1, PATCH, PATCH));
			dt.initialize(new Shape(BATCH, 1 + CLASSES, PATCH, PATCH));
		}

		@Override
		public void close() {
			dt.close();
			gt.close();
			d.close();
			g.close();
		}
	}

	/** The backward passes of a step, in its collector. */
	private interface Backward {

		void run(GradientCollector collector);
	}

	/** @return a U-Net of the narrowest width the keys accept */
	private static Model uNet() {
		return model(NetworkSpec.unet(2, NetworkSpec.CHANNEL_MULTIPLE, CLASSES).build());
	}

	/** @return a trainer of the U-Net, initialised for the batch */
	private static Trainer trainer(final Model unet) {
		final Trainer trainer = unet.newTrainer(TrainingSetup.config(Device.cpu()));
		trainer.initialize(new Shape(BATCH, 1, PATCH, PATCH));
		return trainer;
	}

	private static LossOf crossEntropy(final Trainer trainer, final NDArray x, final NDArray y) {
		return () -> SegmentationLoss.crossEntropy(trainer.forward(new NDList(x)).singletonOrThrow(), y);
	}

	private static Model model(final Block block) {
		DjlRuntime.engine().setRandomSeed(3);
		final Model model = Model.newInstance("gradients", Device.cpu());
		model.setBlock(block);
		return model;
	}

	/** One forward and backward pass with freed native memory full of NaN; returns the gradients and clears them. */
	private static List<float[]> pass(final Trainer trainer, final Block block, final LossOf loss) {
		return pass(trainer, block, collector -> {
			collector.backward(loss.compute());
		});
	}

	/** As {@link #pass(Trainer, Block, LossOf)}, with the backward passes of {@code backward}. */
	private static List<float[]> pass(final Trainer trainer, final Block block, final Backward backward) {
		poisonFreedNativeMemory(trainer.getManager());
		try (GradientCollector collector = trainer.newGradientCollector()) {
			backward.run(collector);
		}
		final List<float[]> gradients = new ArrayList<>();
		for (final Pair<String, Parameter> p : block.getParameters()) {
			final NDArray w = p.getValue().getArray();
			if (!p.getValue().requiresGradient() || !w.hasGradient()) continue;
			gradients.add(w.getGradient().toFloatArray());
			DjlRuntime.zeroGradient(w);
		}
		return gradients;
	}

	/**
	 * Allocates NaN-filled blocks of every size from 1 to 128 KiB (the sizes of
	 * small feature maps and their padded copies) and frees them together: the
	 * next allocations of those sizes get memory full of NaN (measured: 90-100%
	 * of the floats of an uninitialised tensor of 4 to 128 KiB).
	 */
	private static void poisonFreedNativeMemory(final NDManager manager) {
		try (NDManager scratch = manager.newSubManager()) {
			for (int kib = 1; kib <= 128; kib++)
				scratch.full(new Shape(kib * 256L), Float.NaN);
		}
	}

	private static NDArray oneHot(final NDManager m) {
		final float[] y = new float[BATCH * CLASSES * PATCH * PATCH];
		final int plane = PATCH * PATCH;
		for (int i = 0; i < BATCH * plane; i++)
			y[(i / plane * CLASSES + i % CLASSES) * plane + i % plane] = 1;
		return m.create(y, new Shape(BATCH, CLASSES, PATCH, PATCH));
	}

	/** The same gradients but for rounding: each within {@code tolerance} of its parameter's largest gradient. */
	private static void assertClose(final List<float[]> expected, final List<float[]> actual, final double tolerance) {
		assertEquals(expected.size(), actual.size());
		for (int i = 0; i < expected.size(); i++) {
			float scale = 0;
			for (final float v : expected.get(i))
				scale = Math.max(scale, Math.abs(v));
			for (int k = 0; k < expected.get(i).length; k++)
				assertEquals(expected.get(i)[k], actual.get(i)[k], tolerance * scale, "parameter " + i + ", value " + k);
		}
	}

	/**
	 * The gradients of a network at its random start, on a batch of two
	 * patches, are sensitive: a change of 0.4% to the input pixels (bfloat16's
	 * rounding) changes them in float32 by 12-29% (relative L2 norm, measured),
	 * mixed precision by 10-50%. What must hold is that every parameter gets
	 * its gradient, of the same size and direction.
	 */
	private static void assertSameDirection(final List<float[]> expected, final List<float[]> actual) {
		assertEquals(expected.size(), actual.size(), "a gradient for every parameter");
		for (int i = 0; i < expected.size(); i++) {
			double dot = 0, ee = 0, aa = 0;
			for (int k = 0; k < expected.get(i).length; k++) {
				final double e = expected.get(i)[k], a = actual.get(i)[k];
				dot += e * a;
				ee += e * e;
				aa += a * a;
			}
			final double cosine = dot / Math.sqrt(ee * aa);
			final double ratio = Math.sqrt(aa / ee);
			assertTrue(cosine > 0.8, "parameter " + i + ": gradient at an angle to float32's, cosine " + cosine);
			assertTrue(ratio > 0.6 && ratio < 1.6, "parameter " + i + ": gradient " + ratio + " times float32's");
		}
	}

	private static void assertSameAndFinite(final List<float[]> first, final List<float[]> second) {
		assertTrue(!first.isEmpty() && first.size() == second.size(), "gradients of every trained parameter");
		for (int i = 0; i < first.size(); i++) {
			for (final float v : first.get(i))
				assertTrue(Float.isFinite(v), "parameter " + i + " has a non-finite gradient");
			assertArrayEquals(first.get(i), second.get(i), "parameter " + i + " differs between two passes");
		}
	}
}
