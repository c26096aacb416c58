package org.xrayseg.core.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.UnaryOperator;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.EngineException;
import ai.djl.engine.StandardCapabilities;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * oneDNN's fused convolution computes what DJL's convolution and ReLU compute,
 * is not used where its check at load finds otherwise, and the bfloat16
 * conversion stands by itself.
 */
class TorchScriptOpsTest {

	@Test
	void fusedConvolutionEqualsTheUnfusedOne() {
		assumeOneDnn();
		assertTrue(TorchScriptOps.fusedConvolutionAvailable(), "the check at load passes");
		try (NDManager m = DjlRuntime.engine().newBaseManager(Device.cpu())) {
			for (final int k : new int[] { 3, 1 }) {
				for (final boolean relu : new boolean[] { true, false }) {
					final NDArray[] xwb = input(m, 16, 8, k);
					final NDArray plain = TorchScriptOps.convolution(xwb[0], xwb[1], xwb[2], k / 2, relu, false);
					final NDArray fused = TorchScriptOps.convolution(xwb[0], xwb[1], xwb[2], k / 2, relu, true);
					assertEquals(plain.getShape(), fused.getShape());
					assertEquals(0, relativeDifference(plain, fused), TorchScriptOps.TOLERANCE, k + "x" + k + " relu " +
						relu);
				}
			}
		}
	}

	@Test
	void fusedBFloat16ConvolutionIsCloseToTheUnfusedOne() {
		assumeOneDnn();
		try (NDManager m = DjlRuntime.engine().newBaseManager(Device.cpu())) {
			final NDArray[] xwb = input(m, 16, 16, 3);
			for (int i = 0; i < 3; i++)
				xwb[i] = TorchScriptOps.toBFloat16(xwb[i]);
			final NDArray plain = TorchScriptOps.convolution(xwb[0], xwb[1], xwb[2], 1, true, false);
			final NDArray fused;
			try {
				fused = TorchScriptOps.convolution(xwb[0], xwb[1], xwb[2], 1, true, true);
			}
			catch (final EngineException e) {
				Assumptions.abort("oneDNN computes bfloat16 only with AVX-512: " + e.getMessage());
				return;
			}
			// 8 bits of mantissa, summed in another order
			assertEquals(0, relativeDifference(plain.toType(DataType.FLOAT32, false), fused.toType(DataType.FLOAT32,
				false)), 0.02);
		}
	}

	@Test
	void aBFloat16CopyMadeInATrainingStepPassesItsGradientBackAsFloat32() {
		// what mixed-precision training relies on: the weights' bfloat16 copies carry gradients to the weights
		try (Model model = Model.newInstance("copy", Device.cpu())) {
			model.setBlock(Linear.builder().setUnits(1).build());
			try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(Loss.l2Loss()))) {
				final NDManager m = trainer.getManager();
				final NDArray w = m.create(new float[] { 1, 2, 3 });
				w.setRequiresGradient(true);
				try (GradientCollector collector = trainer.newGradientCollector()) {
					final NDArray copy = TorchScriptOps.toBFloat16(w.mul(2));
					// a loss of bfloat16 values, returned to float32 by adding a float32 zero (type promotion)
					collector.backward(copy.mul(copy).sum().add(m.zeros(new Shape())));
				}
				assertArrayEquals(new float[] { 8, 16, 24 }, w.getGradient().toFloatArray(), "d(4 w^2)/dw");
			}
		}
	}

	@Test
	void aFusedConvolutionThatDiffersIsNotUsed() {
		assumeOneDnn();
		try {
			TorchScriptOps.recheckFused(y -> y.mul(1.001f));
			assertFalse(TorchScriptOps.fusedConvolutionAvailable(), "a result 0.1% off fails the check");
			assertTrue(TorchScriptOps.bfloat16Available(), "the bfloat16 conversion does not depend on it");
		}
		finally {
			TorchScriptOps.recheckFused(UnaryOperator.identity());
		}
		assertTrue(TorchScriptOps.fusedConvolutionAvailable());
	}

	@Test
	void aModuleWhoseOperationThisPyTorchLacksFailsAlone() {
		final TorchScriptModule missing = new TorchScriptModule("Missing", "class Missing(Module):\n" +
			"  __parameters__ = []\n" +
			"  __buffers__ = []\n" +
			"  training : bool\n" +
			"  def forward(self: __torch__.Missing,\n" +
			"    x: Tensor) -> Tensor:\n" +
			"    return ops.mkldnn._no_such_operation(x)\n", "A test module");
		assertFalse(missing.loads());
		assertThrows(EngineException.class, missing::required);
		assertTrue(TorchScriptOps.bfloat16Available());
	}

	private static void assumeOneDnn() {
		Assumptions.assumeTrue(DjlRuntime.engine().hasCapability(StandardCapabilities.MKLDNN), "PyTorch with oneDNN");
	}

	/** @return {x (1, c, 12, 10) channels-last, weight (out, c, k, k), bias (out)}, seeded, float32 */
	private static NDArray[] input(final NDManager m, final int c, final int out, final int k) {
		m.getEngine().setRandomSeed(3);
		final NDArray x = m.randomNormal(new Shape(1, 12, 10, c)).transpose(0, 3, 1, 2);
		return new NDArray[] { x, m.randomNormal(new Shape(out, c, k, k)).div(3f * k), m.randomNormal(new Shape(
			out)) };
	}

	private static double relativeDifference(final NDArray expected, final NDArray actual) {
		return actual.sub(expected).abs().max().getFloat() / expected.abs().max().getFloat();
	}
}
