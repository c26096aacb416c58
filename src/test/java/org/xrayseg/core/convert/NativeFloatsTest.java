package org.xrayseg.core.convert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import org.junit.jupiter.api.Test;
import org.xrayseg.core.runtime.DjlRuntime;
import org.xrayseg.core.runtime.TorchScriptOps;

class NativeFloatsTest {

	@Test
	void bfloat16ValuesReadAsTheFloatsPyTorchWidensThemTo() {
		final Random random = new Random(1);
		final float[] values = new float[2 * 5 * 7 * 3];
		for (int i = 0; i < values.length; i++)
			values[i] = (float) (random.nextGaussian() * Math.pow(10, random.nextInt(9) - 4));
		try (NDManager m = DjlRuntime.engine().newBaseManager()) {
			// channels-last logits (N, K, H, W) and their (N, H, W, K) view, as a network gives them
			final NDArray logits = m.create(values, new Shape(2, 5, 7, 3)).transpose(0, 3, 1, 2);
			final NDArray bf16 = TorchScriptOps.toBFloat16(logits).transpose(0, 2, 3, 1);
			final float[] expected = bf16.toType(DataType.FLOAT32, false).toFloatArray();
			final float[] read = new float[values.length + 4];
			final NativeFloats reader = NativeFloats.ofBFloat16(bf16);
			reader.get(0, read, 4, 100); // in two pieces, the second into a larger buffer
			reader.get(100, read, 104, values.length - 100);
			final float[] got = java.util.Arrays.copyOfRange(read, 4, read.length);
			assertArrayEquals(expected, got);
			final float[] float32 = new float[values.length];
			NativeFloats.of(logits.transpose(0, 2, 3, 1)).get(0, float32, 0, values.length);
			assertArrayEquals(values, float32);
			assertThrows(IllegalArgumentException.class, () -> NativeFloats.ofBFloat16(logits.transpose(0, 2, 3, 1)));
		}
	}
}
