package org.xrayseg.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.FloatBuffer;
import java.util.Random;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;

import org.junit.jupiter.api.Test;
import org.xrayseg.core.data.LabelCoding;
import org.xrayseg.core.data.Normalization;
import org.xrayseg.core.runtime.DjlRuntime;

/** The inference form of a network computes what the network computes (untrained, with random statistics). */
class InferenceNetworkTest {

	/**
	 * Every kind of network the product builds, at depth 3, with context slices
	 * and residual blocks, with and without batch normalisation: the training
	 * block in inference mode and the folded network run the same topology.
	 */
	@Test
	void float32GivesTheNetworksLogitsForEveryKindOfNetwork() {
		for (final String type : new String[] { NetworkSpec.UNET, NetworkSpec.PIX2PIX })
			for (final boolean batchNorm : new boolean[] { true, false }) {
				final NetworkSpec spec = new NetworkSpec(type, 3, 16, 3, batchNorm, 2, 0.5, 1);
				final float[][] both = logits(spec, DataType.FLOAT32);
				assertEquals(0, maxDifference(both[0], both[1]) / maxAbs(both[0]), 1e-5, spec.describe());
			}
		final float[][] plain = logits(NetworkSpec.unet(2, 16, 2).withContext(2), DataType.FLOAT32);
		assertEquals(0, maxDifference(plain[0], plain[1]) / maxAbs(plain[0]), 1e-5);
	}

	@Test
	void bfloat16IsAvailableAndCloseToFloat32() {
		assertTrue(InferenceNetwork.bfloat16Available(), "the TorchScript converter to bfloat16 loads");
		final float[][] both = logits(NetworkSpec.unet(2, 16, 3).withContext(1), DataType.BFLOAT16);
		// 8 bits of mantissa through about ten layers
		assertEquals(0, maxDifference(both[0], both[1]) / maxAbs(both[0]), 0.05);
	}

	@Test
	void channelsLastKeepsValues() {
		try (NDManager m = DjlRuntime.engine().newBaseManager()) {
			final NDArray x = m.arange(2 * 3 * 4 * 5).toType(DataType.FLOAT32, false).reshape(2, 3, 4, 5);
			final NDArray cl = MemoryLayout.channelsLast(x);
			assertEquals(x.getShape(), cl.getShape());
			assertTrue(x.contentEquals(cl));
			// NHWC in memory: the channels of one pixel are neighbours
			final NDArray back = cl.transpose(0, 2, 3, 1);
			assertEquals(20f, back.getFloat(0, 0, 0, 1));
		}
	}

	/** @return {the network's logits, the inference network's logits} for a random input */
	private static float[][] logits(final NetworkSpec spec, final DataType type) {
		try (SegmentationModel model = SegmentationModel.create(ModelMetadata.create(spec, codes(spec.classes()), new Normalization(0, 1), 32, null), Device.cpu()))
		{
			model.initialize();
			randomiseStatistics(model, new Random(5));
			try (NDManager m = model.djlModel().getNDManager().newSubManager();
				InferenceNetwork net = InferenceNetwork.of(model, type))
			{
				final NDArray x = m.randomUniform(0, 1, new Shape(2, spec.inputChannels(), 32, 48));
				return new float[][] { model.logits(x).toFloatArray(), net.logits(x).toFloatArray() };
			}
		}
	}

	/** Batch normalisation with statistics and scales far from the identity, so that folding them shows. */
	private static void randomiseStatistics(final SegmentationModel model, final Random random) {
		for (final Pair<String, Parameter> p : model.block().getParameters()) {
			final String name = p.getKey();
			final boolean var = name.endsWith("runningVar");
			if (!(var || name.endsWith("runningMean") || name.endsWith("gamma") || name.endsWith("beta"))) continue;
			final NDArray a = p.getValue().getArray();
			final float[] v = new float[(int) a.size()];
			for (int i = 0; i < v.length; i++)
				v[i] = var ? 0.2f + 2 * random.nextFloat() : (float) random.nextGaussian() * 0.5f + (name.endsWith(
					"gamma") ? 1 : 0);
			a.set(FloatBuffer.wrap(v));
		}
	}

	private static LabelCoding codes(final int classes) {
		final int[] codes = new int[classes];
		for (int i = 0; i < classes; i++)
			codes[i] = i;
		return new LabelCoding(codes);
	}

	private static double maxDifference(final float[] a, final float[] b) {
		double max = 0;
		for (int i = 0; i < a.length; i++)
			max = Math.max(max, Math.abs(a[i] - b[i]));
		return max;
	}

	private static double maxAbs(final float[] a) {
		double max = 0;
		for (final float v : a)
			max = Math.max(max, Math.abs(v));
		return max;
	}
}
