package org.xrayseg.core.study;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import com.google.gson.reflect.TypeToken;

import org.xrayseg.core.error.InvalidInputException;
import org.xrayseg.core.io.AtomicOutput;

/**
 * The finished steps of a study, kept in its output folder (steps/NAME.json)
 * as soon as each one ends, so that a study run again with resume=true skips
 * them instead of redoing them.
 */
final class StudySteps {

	private static final Gson GSON = new GsonBuilder().serializeSpecialFloatingPointValues().create();

	private final Path folder;

	/**
	 * @param output the study's output folder
	 * @throws InvalidInputException if it holds an earlier study and neither
	 *           resume nor overwrite was asked for
	 */
	StudySteps(final Path output, final boolean resume, final boolean overwrite) {
		this.folder = output.resolve("steps");
		try {
			if (Files.isDirectory(folder) && !resume) {
				if (!overwrite) throw new InvalidInputException(output +
					" holds an earlier study: set resume=true to continue it or overwrite=true to start again");
				try (var old = Files.list(folder)) {
					for (final Path p : (Iterable<Path>) old::iterator)
						Files.delete(p);
				}
			}
			Files.createDirectories(folder);
		}
		catch (final IOException e) {
			throw new InvalidInputException("Cannot write to " + output + ": " + e.getMessage(), e);
		}
	}

	/** @return the saved result of step {@code name}, or null if it has not finished */
	Map<String, Double> done(final String name) {
		final Path file = folder.resolve(name + ".json");
		if (!Files.isRegularFile(file)) return null;
		try {
			return GSON.fromJson(Files.readString(file, StandardCharsets.UTF_8), new TypeToken<Map<String, Double>>() {}
				.getType());
		}
		catch (final IOException | JsonParseException e) {
			return null; // damaged: the step is done again
		}
	}

	/** Saves the result of step {@code name} atomically. */
	void save(final String name, final Map<String, Double> result) {
		try (AtomicOutput out = AtomicOutput.file(folder.resolve(name + ".json"), true)) {
			Files.writeString(out.temporary(), GSON.toJson(result), StandardCharsets.UTF_8);
			out.commit();
		}
		catch (final IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
