package org.xrayseg.core.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;

import org.junit.jupiter.api.Test;

/**
 * A constant in a loss keeps its value until the backward pass, however much
 * the garbage collector runs meanwhile (DJL's {@code mul(Number)} frees it at
 * once, and its memory can be reused before the backward pass reads it).
 */
class ScalarsTest {

	@Test
	void constantsSurviveGarbageCollectionBetweenForwardAndBackward() {
		try (Model model = Model.newInstance("scalars");
			Trainer trainer = newTrainer(model))
		{
			final NDManager m = trainer.getManager();
			final NDArray x = m.create(new float[] { 1, 2, 3 });
			x.setRequiresGradient(true);
			try (GradientCollector collector = trainer.newGradientCollector()) {
				final NDArray y = Scalars.dividedBy(Scalars.times(x, 3), 2);
				final NDArray z = Scalars.atLeast(x, 2.5f);
				collector(collector, y.sum().add(z.sum()));
			}
			// d(3x/2)/dx = 1.5 everywhere; d(max(x, 2.5))/dx = 1 where x > 2.5
			assertArrayEquals(new float[] { 1.5f, 1.5f, 2.5f }, x.getGradient().toFloatArray());
		}
	}

	private static Trainer newTrainer(final Model model) {
		model.setBlock(Linear.builder().setUnits(1).build());
		return model.newTrainer(new DefaultTrainingConfig(Loss.l2Loss()));
	}

	/** Collects garbage and reuses freed direct memory (filled with NaN) before the backward pass. */
	private static void collector(final GradientCollector collector, final NDArray loss) {
		final List<ByteBuffer> reuse = new ArrayList<>();
		for (int round = 0; round < 3; round++) {
			System.gc();
			for (int i = 0; i < 2000; i++)
				reuse.add(ByteBuffer.allocateDirect(4).putFloat(0, Float.NaN));
		}
		collector.backward(loss);
	}
}
