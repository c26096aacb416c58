package org.xrayseg.core.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import org.junit.jupiter.api.Test;
import org.xrayseg.core.runtime.DjlRuntime;

/** The smoothness term of sparse labels: phases should change where the grey values do, and nowhere else. */
class AffinityLossTest {

	private static final int SIDE = 16;

	@Test
	void aPhaseBoundaryOnTheGreyEdgeCostsLessThanOneBesideIt() {
		try (NDManager m = DjlRuntime.engine().newBaseManager()) {
			// left half dark, right half bright
			final float[] grey = new float[SIDE * SIDE];
			for (int i = 0; i < grey.length; i++)
				grey[i] = i % SIDE < SIDE / 2 ? 0.1f : 0.8f;
			final NDArray g = m.create(grey, new Shape(1, 1, SIDE, SIDE));
			final float onEdge = SegmentationLoss.affinity(logits(m, SIDE / 2), g, 0.1f).getFloat();
			final float beside = SegmentationLoss.affinity(logits(m, SIDE / 2 - 4), g, 0.1f).getFloat();
			final float uniform = SegmentationLoss.affinity(logits(m, 0), g, 0.1f).getFloat();
			assertTrue(onEdge < 0.01f, "a confident boundary on the edge costs almost nothing: " + onEdge);
			assertTrue(beside > 5 * onEdge + 0.01f, "a boundary inside a region costs: " + beside);
			assertEquals(0, uniform, 0.01, "one phase everywhere costs nothing (the labels prevent it)");
		}
	}

	/** @return confident logits of two phases: phase 0 left of column {@code boundary}, phase 1 from it on */
	private static NDArray logits(final NDManager m, final int boundary) {
		final float[] v = new float[2 * SIDE * SIDE];
		for (int i = 0; i < SIDE * SIDE; i++) {
			final boolean right = i % SIDE >= boundary;
			v[i] = right ? -10 : 10;
			v[SIDE * SIDE + i] = right ? 10 : -10;
		}
		return m.create(v, new Shape(1, 2, SIDE, SIDE));
	}
}
