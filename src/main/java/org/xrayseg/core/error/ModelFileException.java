package org.xrayseg.core.error;

/** A model file is missing, damaged, of another format or from a newer version. */
public class ModelFileException extends SegmentationException {

	private static final long serialVersionUID = 1L;

	public ModelFileException(final String message) {
		super(message);
	}

	public ModelFileException(final String message, final Throwable cause) {
		super(message, cause);
	}
}
