package org.xrayseg.core.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

import org.xrayseg.core.error.InvalidInputException;

/**
 * Writes a file or folder so that it appears complete or not at all: work goes
 * to a hidden temporary sibling that {@link #commit()} renames onto the target.
 * Closing without a commit deletes the temporary. An existing target is kept
 * unless overwriting was asked for.
 */
public final class AtomicOutput implements AutoCloseable {

	private final Path target;
	private final Path temporary;
	private final boolean folder;
	private boolean committed;

	private AtomicOutput(final Path target, final boolean folder, final boolean overwrite) {
		this.target = target.toAbsolutePath().normalize();
		this.folder = folder;
		if (Files.exists(this.target) && !overwrite) throw new InvalidInputException(
			target + " already exists: choose another name or set overwrite=true");
		if (Files.isDirectory(this.target) != folder && Files.exists(this.target))
			throw new InvalidInputException(target + " exists and is a " + (folder ? "file" : "folder") +
				"; expected a " + (folder ? "folder" : "file"));
		final Path parent = this.target.getParent();
		try {
			Files.createDirectories(parent);
		}
		catch (final IOException e) {
			throw new InvalidInputException("Cannot create folder " + parent + ": " + reason(e), e);
		}
		if (!Files.isWritable(parent)) throw new InvalidInputException("Cannot write to folder " + parent +
			": permission denied");
		this.temporary = parent.resolve("." + this.target.getFileName() + ".partial-" + UUID.randomUUID()
			.toString().substring(0, 8));
		try {
			if (folder) Files.createDirectory(temporary);
		}
		catch (final IOException e) {
			throw new InvalidInputException("Cannot write to folder " + parent + ": " + reason(e), e);
		}
	}

	/** Prepares to write the file {@code target}. */
	public static AtomicOutput file(final Path target, final boolean overwrite) {
		return new AtomicOutput(target, false, overwrite);
	}

	/** Prepares to write the folder {@code target} and everything in it. */
	public static AtomicOutput folder(final Path target, final boolean overwrite) {
		return new AtomicOutput(target, true, overwrite);
	}

	/**
	 * Throws if {@code output} is one of the inputs (or a folder holding one), so
	 * that an input can never be overwritten.
	 */
	public static void requireNotInput(final Path output, final Path... inputs) {
		final Path out = output.toAbsolutePath().normalize();
		for (final Path in : inputs) {
			if (in == null) continue;
			final Path input = in.toAbsolutePath().normalize();
			if (out.equals(input) || input.startsWith(out)) throw new InvalidInputException(
				"The output " + output + " is an input (" + in + "): choose another output path");
		}
	}

	/** @return where to write until {@link #commit()} */
	public Path temporary() {
		return temporary;
	}

	/** @return the final destination */
	public Path target() {
		return target;
	}

	/** Moves the temporary onto the target, replacing an older target. */
	public void commit() {
		try {
			if (folder && Files.exists(target)) {
				final Path old = target.resolveSibling("." + target.getFileName() + ".old-" + UUID.randomUUID()
					.toString().substring(0, 8));
				Files.move(target, old);
				Files.move(temporary, target);
				deleteRecursively(old);
			}
			else move(temporary, target);
			committed = true;
		}
		catch (final IOException e) {
			throw new UncheckedIOException("Could not write " + target + ": " + reason(e), e);
		}
	}

	@Override
	public void close() {
		if (committed) return;
		try {
			deleteRecursively(temporary);
		}
		catch (final IOException e) {
			throw new UncheckedIOException("Could not remove temporary " + temporary, e);
		}
	}

	private static void move(final Path from, final Path to) throws IOException {
		try {
			Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (final AtomicMoveNotSupportedException e) {
			Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
		}
	}

	static void deleteRecursively(final Path path) throws IOException {
		if (!Files.exists(path)) return;
		try (Stream<Path> walk = Files.walk(path)) {
			for (final Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator)
				Files.delete(p);
		}
	}

	static String reason(final IOException e) {
		final String m = e.getMessage();
		return e.getClass().getSimpleName().replace("Exception", "") + (m == null ? "" : " " + m);
	}
}
