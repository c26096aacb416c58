package org.xrayseg.core.error;

/** An input image, label image, parameter value or output path cannot be used. */
public class InvalidInputException extends SegmentationException {

	private static final long serialVersionUID = 1L;

	public InvalidInputException(final String message) {
		super(message);
	}

	public InvalidInputException(final String message, final Throwable cause) {
		super(message, cause);
	}
}
