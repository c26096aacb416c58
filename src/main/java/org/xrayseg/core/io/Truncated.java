package org.xrayseg.core.io;

import java.nio.file.Path;

import org.xrayseg.core.error.InvalidInputException;

/** The one error for a file that ends before its own header says it does: an incomplete copy or download. */
final class Truncated {

	private Truncated() {}

	/** @param detail where it ends and what was expected, e.g. "it ends at byte 20000 but HDF5 says 216948" */
	static InvalidInputException error(final Path file, final String detail) {
		return new InvalidInputException(file + " is truncated (" + detail + "): copy it again from its source");
	}
}
