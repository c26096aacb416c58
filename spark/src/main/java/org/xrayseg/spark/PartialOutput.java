package org.xrayseg.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

import org.xrayseg.core.error.SegmentationException;

/**
 * The folder where the tasks of a job put a volume's label slices until every
 * slice is there: a hidden sibling of the output, {@code .NAME.spark-partial},
 * renamed onto the output by the driver when complete, so that the output
 * appears whole or not at all, as on the command line. Its name does not
 * change between runs: a job started again after a crash or a bad slice keeps
 * the slices already written and segments only the others. A note inside
 * records what made them (model, input, keys); slices made otherwise are
 * discarded rather than mixed.
 */
final class PartialOutput {

	static final String NOTE = ".xrayseg-spark-run";

	private PartialOutput() {}

	/** @return the partial folder of {@code output} */
	static Path of(final Path output) {
		return output.resolveSibling("." + output.getFileName() + ".spark-partial");
	}

	/**
	 * Makes the partial folder of {@code output} ready for slices made as
	 * {@code identity} says, keeping those of an earlier run with the same identity.
	 *
	 * @return true if slices of an earlier run with other settings were discarded
	 */
	static boolean prepare(final Path output, final String identity) {
		final Path folder = of(output);
		final Path note = folder.resolve(NOTE);
		try {
			boolean discarded = false;
			if (Files.isDirectory(folder) && !identity.equals(read(note))) {
				deleteRecursively(folder);
				discarded = true;
			}
			Files.createDirectories(folder);
			Files.writeString(note, identity, StandardCharsets.UTF_8);
			return discarded;
		}
		catch (final IOException e) {
			throw new SegmentationException("Cannot write to " + folder.getParent() + ": " + e.getMessage(), e);
		}
	}

	private static String read(final Path note) throws IOException {
		return Files.isRegularFile(note) ? Files.readString(note, StandardCharsets.UTF_8) : null;
	}

	/** @return true if label slice {@code name} of {@code output} is already in its partial folder */
	static boolean isDone(final Path output, final String name) {
		return Files.isRegularFile(of(output).resolve(name));
	}

	/**
	 * Renames the partial folder onto {@code output} after checking that it
	 * holds every slice; hidden leftovers (the note, temporaries of tasks that
	 * were lost while writing) are removed first. An existing output (only
	 * with overwrite=true) is replaced.
	 */
	static void commit(final Path output, final String[] names) {
		final Path folder = of(output);
		final long missing = Arrays.stream(names).filter(n -> !Files.isRegularFile(folder.resolve(n))).count();
		if (missing > 0) throw new SegmentationException(missing + " label slices of " + output +
			" were not written although their tasks succeeded; run the job again");
		try {
			try (Stream<Path> files = Files.list(folder)) {
				for (final Path p : (Iterable<Path>) files::iterator)
					if (p.getFileName().toString().startsWith(".")) deleteRecursively(p);
			}
			if (Files.exists(output)) {
				final Path old = output.resolveSibling("." + output.getFileName() + ".old-" + UUID.randomUUID().toString()
					.substring(0, 8));
				Files.move(output, old);
				move(folder, output);
				deleteRecursively(old);
			}
			else move(folder, output);
		}
		catch (final IOException e) {
			throw new UncheckedIOException("Could not write " + output + ": " + e.getMessage(), e);
		}
	}

	private static void move(final Path from, final Path to) throws IOException {
		try {
			Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (final AtomicMoveNotSupportedException e) {
			Files.move(from, to);
		}
	}

	private static void deleteRecursively(final Path path) throws IOException {
		if (!Files.exists(path)) return;
		try (Stream<Path> walk = Files.walk(path)) {
			for (final Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator)
				Files.delete(p);
		}
	}
}
