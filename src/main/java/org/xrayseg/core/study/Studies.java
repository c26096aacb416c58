package org.xrayseg.core.study;

import java.io.File;
import java.nio.file.Path;

import org.xrayseg.core.error.InvalidInputException;
import org.xrayseg.core.io.SliceInput;

/** Checks shared by the studies. */
final class Studies {

	private Studies() {}

	/** @return the output folder, checked not to be an input */
	static Path outputFolder(final File output, final SliceInput... inputs) {
		if (output == null) throw new InvalidInputException("No output folder given (output=FOLDER)");
		final Path out = output.toPath();
		SliceInput.requireNotInput(out, inputs);
		return out;
	}

	/** Refuses test slices that are training slices: a study must never score on what it trained on. */
	static void requireDisjoint(final SliceInput training, final SliceInput test) {
		final Path a = training.path();
		final Path b = test.path();
		if (a == null || b == null) return;
		final Path x = a.toAbsolutePath().normalize();
		final Path y = b.toAbsolutePath().normalize();
		if (x.equals(y) || x.startsWith(y) || y.startsWith(x)) throw new InvalidInputException("The test slices " + b +
			" are (among) the training slices " + a + ": give a separate test slab");
	}
}
