package org.xrayseg.core.train;

/**
 * A loss or gradient of a training step is NaN or infinite. Thrown by
 * {@link Adam#step} before it changes anything; the trainers turn it into a
 * {@link org.xrayseg.core.error.TrainingDivergedException} that says where
 * training stopped and what was kept.
 */
final class NonFiniteException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/** @param what what is not finite, e.g. "the U-Net's loss is NaN" */
	NonFiniteException(final String what) {
		super(what);
	}
}
