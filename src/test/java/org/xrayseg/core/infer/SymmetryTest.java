package org.xrayseg.core.infer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import org.junit.jupiter.api.Test;
import org.xrayseg.core.runtime.DjlRuntime;

class SymmetryTest {

	private static final int W = 5;
	private static final int H = 3;

	@Test
	void everySymmetryIsUndoneExactlyAndTheEightDiffer() {
		try (NDManager m = DjlRuntime.engine().newBaseManager()) {
			final float[] values = new float[2 * 2 * H * W];
			for (int i = 0; i < values.length; i++)
				values[i] = i;
			final NDArray x = m.create(values, new Shape(2, 2, H, W));
			final Set<List<Float>> seen = new HashSet<>();
			for (int s = 0; s < Symmetry.COUNT; s++) {
				final NDArray turned = Symmetry.turn(x, s);
				assertEquals(Symmetry.swapsAxes(s) ? new Shape(2, 2, W, H) : x.getShape(), turned.getShape());
				final List<Float> list = new java.util.ArrayList<>();
				for (final float v : turned.toFloatArray())
					list.add(v);
				seen.add(list);
				assertArrayEquals(values, Symmetry.back(turned, s).toFloatArray(), "symmetry " + s);
			}
			assertEquals(Symmetry.COUNT, seen.size(), "eight different tiles");
		}
	}

	@Test
	void bitsFlipXFlipYAndSwapTheAxes() {
		try (NDManager m = DjlRuntime.engine().newBaseManager()) {
			final float[] plane = new float[H * W];
			for (int i = 0; i < plane.length; i++)
				plane[i] = i;
			final NDArray x = m.create(plane, new Shape(1, 1, H, W));
			final float[] flipped = Symmetry.turn(x, 1).toFloatArray();
			final float[] upsideDown = Symmetry.turn(x, 2).toFloatArray();
			final float[] transposed = Symmetry.turn(x, 4).toFloatArray();
			for (int y = 0; y < H; y++)
				for (int xx = 0; xx < W; xx++) {
					assertEquals(plane[y * W + xx], flipped[y * W + W - 1 - xx]);
					assertEquals(plane[y * W + xx], upsideDown[(H - 1 - y) * W + xx]);
					assertEquals(plane[y * W + xx], transposed[xx * H + y]); // now H wide
				}
		}
	}
}
