package org.xrayseg.core.runtime;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;

/**
 * Run in a child JVM by {@link NativeLogLevelTest}: starts the engine as the
 * plugin does and computes one small convolution (batch 1, 8x8), which PyTorch
 * gives its own kernels rather than oneDNN's and so first asks NNPACK whether
 * it can take it; where NNPACK cannot start, PyTorch warns on stderr.
 */
final class NnpackProbe {

	static final String DONE = "convolved";

	private NnpackProbe() {}

	public static void main(final String[] args) {
		try (NDManager m = DjlRuntime.engine().newBaseManager()) {
			Conv2d.conv2d(m.ones(new Shape(1, 1, 8, 8)), m.ones(new Shape(1, 1, 3, 3)), null, new Shape(1, 1),
				new Shape(1, 1), new Shape(1, 1), 1).singletonOrThrow().sum().getFloat();
		}
		System.out.println(DONE);
	}
}
