package org.xrayseg.core.error;

/**
 * Training produced a loss or gradient that is not a finite number and was
 * stopped before it reached the weights; nothing was saved, and the last
 * checkpoint is kept for {@code resume=true}.
 */
public class TrainingDivergedException extends SegmentationException {

	private static final long serialVersionUID = 1L;

	public TrainingDivergedException(final String message) {
		super(message);
	}
}
