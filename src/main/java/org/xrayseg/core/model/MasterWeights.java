package org.xrayseg.core.model;

import java.util.ArrayList;
import java.util.List;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;

import org.xrayseg.core.runtime.TorchScriptOps;

/**
 * Mixed-precision training's weights: the float32 weights stay what trains
 * (Adam's moments and updates, checkpoints, the model file), and each step
 * computes with bfloat16 copies of them. PyTorch's autograd does not record
 * the conversion to bfloat16 that DJL reaches (a TorchScript module runs
 * without recording), so the copies are leaves of their own: after the
 * backward pass of the loss, {@link #backward} adds each copy's gradient, as
 * float32, to its float32 weight by one more small backward pass. Not for
 * several threads at once.
 */
public final class MasterWeights {

	private record Copy(NDArray master, NDArray copy) {}

	private final List<Copy> copies = new ArrayList<>();

	/**
	 * @param master a float32 weight that trains
	 * @param step the manager of this step's arrays (the copy is freed with it)
	 * @return a bfloat16 copy whose gradient {@link #backward} passes on to {@code master}
	 */
	NDArray copy(final NDArray master, final NDManager step) {
		final NDArray copy = TorchScriptOps.toBFloat16(master);
		copy.attach(step);
		copy.setRequiresGradient(true);
		copies.add(new Copy(master, copy));
		return copy;
	}

	/**
	 * Adds the gradients of this step's copies to their float32 weights and
	 * forgets the copies. Call after the loss's backward pass, in the same
	 * collector; nothing happens where the step made no copies (float32).
	 */
	public void backward(final GradientCollector collector) {
		NDArray total = null;
		try {
			for (final Copy c : copies) {
				final NDArray g = c.copy().getGradient();
				if (g == null) continue;
				// d(sum(master * g)) / d(master) = g: the copy's gradient, in float32, added to the master's
				final NDArray term = c.master().mul(g.toType(DataType.FLOAT32, false)).sum();
				total = total == null ? term : total.add(term);
			}
		}
		finally {
			copies.clear();
		}
		if (total != null) collector.backward(total);
	}

	/** Forgets the copies of a step that ended without its backward pass (they are freed with its arrays). */
	void forget() {
		copies.clear();
	}
}
