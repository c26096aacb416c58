package org.xrayseg.spark;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.scijava.module.ModuleInfo;
import org.xrayseg.command.CommandParameters;
import org.xrayseg.command.KeyValueText;
import org.xrayseg.core.error.InvalidInputException;

/**
 * Reads the file of {@code volumes=}: one volume per line, written with the
 * keys of the command line ({@code input=/data/scan1 output=/data/labels1
 * slices=101-}, brackets around values with spaces); blank lines and lines
 * starting with # are skipped. Values are checked as the command line checks
 * them.
 */
final class VolumeList {

	private static final List<String> KEYS = List.of(SegmentKeys.INPUT, SegmentKeys.OUTPUT, SegmentKeys.SLICES,
		SegmentKeys.DATASET);

	private VolumeList() {}

	/** @throws InvalidInputException naming the file and line of a bad or repeated volume */
	static List<VolumeRequest> read(final Path file, final ModuleInfo keys) {
		final List<String> lines;
		try {
			lines = Files.readAllLines(file, StandardCharsets.UTF_8);
		}
		catch (final IOException e) {
			throw new InvalidInputException("Cannot read volumes=" + file + ": " + e.getMessage(), e);
		}
		final List<VolumeRequest> volumes = new ArrayList<>();
		final Set<Path> outputs = new HashSet<>();
		for (int n = 0; n < lines.size(); n++) {
			final String line = lines.get(n).trim();
			if (line.isEmpty() || line.startsWith("#")) continue;
			final String where = file.getFileName() + ", line " + (n + 1) + ": ";
			try {
				final VolumeRequest v = parse(line, keys);
				if (!outputs.add(v.output())) throw new InvalidInputException("output=" + v.output() +
					" is the output of an earlier line too");
				volumes.add(v);
			}
			catch (final InvalidInputException e) {
				throw new InvalidInputException(where + e.getMessage(), e);
			}
		}
		if (volumes.isEmpty()) throw new InvalidInputException("volumes=" + file + " lists no volume (one per line: " +
			"input=... output=...)");
		return volumes;
	}

	private static VolumeRequest parse(final String line, final ModuleInfo keys) {
		final Map<String, String> text = KeyValueText.parseMacro(line);
		for (final String key : text.keySet())
			if (!KEYS.contains(key)) throw new InvalidInputException("key '" + key + "' cannot be given per volume " +
				"(only " + String.join(", ", KEYS) + ")");
		for (final String key : List.of(SegmentKeys.INPUT, SegmentKeys.OUTPUT))
			if (!text.containsKey(key)) throw new InvalidInputException("Missing key " + key + "=");
		return VolumeRequest.of((File) value(keys, text, SegmentKeys.INPUT), (File) value(keys, text,
			SegmentKeys.OUTPUT), (String) value(keys, text, SegmentKeys.SLICES), (String) value(keys, text,
				SegmentKeys.DATASET));
	}

	private static Object value(final ModuleInfo keys, final Map<String, String> text, final String key) {
		final String v = text.get(key);
		return v == null ? null : CommandParameters.convert(keys.getInput(key), v);
	}
}
