package org.xrayseg.core.loss;

import ai.djl.ndarray.NDArray;

/**
 * Arithmetic with a constant on arrays whose gradients are computed. DJL's
 * {@code mul(Number)} (and {@code div}, {@code maximum}) makes the constant a
 * 0-d array over a direct buffer of the JVM, multiplies, and closes that array
 * at once; autograd keeps the constant for the backward pass, and once the
 * garbage collector has freed the buffer, the backward pass reads freed
 * memory: gradients that differ from run to run, now and then NaN (seen with
 * sparse labels, whose loss has many such terms). Here the constant is an
 * array of {@code x}'s manager, alive until the step's arrays are freed, so
 * the values are those DJL's operations would give.
 */
public final class Scalars {

	private Scalars() {}

	/** @return {@code x * v} */
	public static NDArray times(final NDArray x, final float v) {
		return x.mul(constant(x, v));
	}

	/** @return {@code x / v} */
	public static NDArray dividedBy(final NDArray x, final float v) {
		return x.div(constant(x, v));
	}

	/** @return the element-wise maximum of {@code x} and {@code v} */
	public static NDArray atLeast(final NDArray x, final float v) {
		return x.maximum(constant(x, v));
	}

	private static NDArray constant(final NDArray x, final float v) {
		return x.getManager().create(v);
	}
}
