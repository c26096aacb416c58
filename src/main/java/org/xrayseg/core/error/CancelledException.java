package org.xrayseg.core.error;

/** The user cancelled a long-running job; nothing was written. */
public class CancelledException extends SegmentationException {

	private static final long serialVersionUID = 1L;

	public CancelledException() {
		super("Cancelled by the user: nothing was written.");
	}
}
