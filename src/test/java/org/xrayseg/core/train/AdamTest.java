package org.xrayseg.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.xrayseg.core.runtime.AdamUpdate;
import org.xrayseg.core.runtime.DjlRuntime;

/** The optimiser never lets a NaN or infinity into the weights, and leaves no NaN gradient behind. */
@Tag("trains")
class AdamTest {

	@Test
	void aNonFiniteGradientIsRefusedBeforeAnyUpdateAndTheGradientsAreCleared() {
		try (NDManager m = DjlRuntime.engine().newBaseManager()) {
			final Block block = Linear.builder().setUnits(2).build();
			block.initialize(m, DataType.FLOAT32, new Shape(1, 3));
			final NDArray weight = block.getParameters().get("weight").getArray();
			final Adam adam = new Adam("U-Net", block, 1e-2, 0.9, 10, m);

			backward(m, block, Float.POSITIVE_INFINITY);
			final float[] before = weight.toFloatArray();
			final NonFiniteException e = assertThrows(NonFiniteException.class, () -> adam.step(1.5));
			assertEquals("the U-Net's gradient of weight is not finite (NaN or infinity)", e.getMessage());
			assertArrayEquals(before, weight.toFloatArray(), "no update");
			assertArrayEquals(new float[6], weight.getGradient().toFloatArray(), "gradients zeroed, not kept");
			assertEquals(0, adam.steps());

			backward(m, block, 1);
			adam.step(1.5);
			assertEquals(1, adam.steps(), "a finite step after a refused one trains");
		}
	}

	@Test
	void oneCallIntoPyTorchUpdatesEveryWeightExactlyAsOperationByOperation() {
		Assumptions.assumeTrue(AdamUpdate.available(), "the module did not load: Adam runs operation by operation");
		try (NDManager m = DjlRuntime.engine().newBaseManager()) {
			final NDArray[] one = { m.randomNormal(new Shape(7, 5)), m.randomNormal(new Shape(3)) };
			final NDArray[] gradients = { m.randomNormal(new Shape(7, 5)), m.randomNormal(new Shape(3)) };
			final NDArray[] other = { one[0].duplicate(), one[1].duplicate() };
			final NDArray[][] moments = new NDArray[4][];
			for (int k = 0; k < 4; k++)
				moments[k] = new NDArray[] { m.zeros(new Shape(7, 5)), m.zeros(new Shape(3)) };
			for (int step = 1; step <= 3; step++) {
				final float[] s = { 0.9f, 0.1f, 0.999f, 0.001f, (float) (1 - Math.pow(0.9, step)), (float) (1 - Math.pow(
					0.999, step)), 1e-8f, 3e-3f };
				AdamUpdate.apply(List.of(one), List.of(gradients), List.of(moments[0]), List.of(moments[1]), s);
				for (int i = 0; i < 2; i++)
					Adam.update(other[i], gradients[i], moments[2][i], moments[3][i], s);
			}
			for (int i = 0; i < 2; i++) {
				assertArrayEquals(other[i].toFloatArray(), one[i].toFloatArray(), "weight " + i);
				assertArrayEquals(moments[2][i].toFloatArray(), moments[0][i].toFloatArray(), "first moment " + i);
				assertArrayEquals(moments[3][i].toFloatArray(), moments[1][i].toFloatArray(), "second moment " + i);
			}
		}
	}

	/** Backward of sum(scale * block(x)): the weight's gradient is scale times the input. */
	private static void backward(final NDManager m, final Block block, final float scale) {
		try (GradientCollector collector = DjlRuntime.engine().newGradientCollector()) {
			final NDArray y = block.forward(new ParameterStore(m, false), new NDList(m.ones(new Shape(1, 3))), true)
				.singletonOrThrow();
			collector.backward(y.mul(scale).sum());
		}
	}
}
