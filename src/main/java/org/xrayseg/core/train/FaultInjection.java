package org.xrayseg.core.train;

/**
 * A seam for tests of the non-finite guard, end to end from the command line
 * or a macro: the system property {@value #NAN_LOSS} = "EPOCH:STEP" makes the
 * loss of that training step, and so its gradients, NaN. Unset (always, outside
 * tests), it changes nothing.
 */
final class FaultInjection {

	static final String NAN_LOSS = "xrayseg.test.nan-loss-at";

	private FaultInjection() {}

	/** @return true if the loss of this step (1-based epoch and step) is to be made NaN */
	static boolean nanLossAt(final int epoch, final int step) {
		final String at = System.getProperty(NAN_LOSS);
		return at != null && at.trim().equals(epoch + ":" + step);
	}
}
