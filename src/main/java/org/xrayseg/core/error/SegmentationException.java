package org.xrayseg.core.error;

/**
 * Base of every error this plugin reports to a user. The message is one line
 * that says what is wrong and, where possible, what to do about it; callers show
 * it as it is, without a stack trace.
 */
public class SegmentationException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public SegmentationException(final String message) {
		super(message);
	}

	public SegmentationException(final String message, final Throwable cause) {
		super(message, cause);
	}
}
