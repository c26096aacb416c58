package org.xrayseg.spark;

import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.xrayseg.core.error.InvalidInputException;
import org.xrayseg.core.io.NaturalOrder;
import org.xrayseg.core.io.TiffSliceSink;

/**
 * One volume a job segments, as the keys name it. {@code input=} names one
 * volume, whose labels go to the folder {@code output=} (as on the command
 * line), or several: a comma-separated list, or a pattern with * or ? in its
 * last part ({@code /data/scans/*.h5}); each volume's labels then go to a
 * folder of {@code output=} named after it ({@code /data/labels/scan1/}).
 *
 * @param input a folder of slices, a TIFF stack or an HDF5 file
 * @param output the folder for the label slices (one TIFF per slice)
 * @param truth reference labels to score the output against, or null
 * @param slices which slices, as after {@code slices=}; null for all
 * @param dataset the HDF5 dataset; null for the default
 */
public record VolumeRequest(Path input, Path output, Path truth, String slices, String dataset) {

	/** @return a single volume whose labels go to {@code output} */
	public static VolumeRequest of(final File input, final File output, final String slices, final String dataset) {
		return expand(input, output, null, slices, dataset).get(0);
	}

	/**
	 * @param truth reference labels: as many volumes as {@code input} names, or null
	 * @throws InvalidInputException if a pattern matches nothing, two volumes
	 *           would share an output, the references do not pair with the
	 *           inputs, or the output is a .tif stack
	 */
	public static List<VolumeRequest> expand(final File input, final File output, final File truth,
		final String slices, final String dataset)
	{
		if (input == null) throw new InvalidInputException("No input given (input=FOLDER or FILE)");
		if (output == null) throw new InvalidInputException("No output given (output=FOLDER)");
		final Path out = output.toPath().toAbsolutePath().normalize();
		if (TiffSliceSink.isStackPath(out)) throw new InvalidInputException("output=" + output +
			" is a .tif stack, but a Spark job writes one label file per slice: give a folder");
		final boolean several = isList(input.getPath());
		final List<Path> inputs = paths(SegmentKeys.INPUT, input.getPath());
		inputs.removeIf(p -> several && p.startsWith(out)); // input=/data/* output=/data/labels: not the labels
		if (inputs.isEmpty()) throw new InvalidInputException("input=" + input + " names only the output " + output);
		final List<Path> truths = truth == null ? null : paths(SegmentKeys.TRUTH, truth.getPath());
		if (truths != null && truths.size() != inputs.size()) throw new InvalidInputException("truth= names " + truths
			.size() + " volumes but input= names " + inputs.size() + ": give one reference per volume, in the same order");
		final List<VolumeRequest> volumes = new ArrayList<>();
		final Set<Path> outputs = new HashSet<>();
		for (int i = 0; i < inputs.size(); i++) {
			final Path in = inputs.get(i);
			final Path labels = several ? out.resolve(stem(in)) : out;
			if (!outputs.add(labels)) throw new InvalidInputException("input= names two volumes called " + stem(in) +
				": their labels would share " + labels);
			volumes.add(new VolumeRequest(in, labels, truths == null ? null : truths.get(i), blankToNull(slices),
				blankToNull(dataset)));
		}
		return volumes;
	}

	/** @return true if {@code text} names several volumes: a comma-separated list or a pattern */
	static boolean isList(final String text) {
		return text.contains(",") || isPattern(text);
	}

	private static boolean isPattern(final String text) {
		return text.contains("*") || text.contains("?");
	}

	private static List<Path> paths(final String key, final String text) {
		final List<Path> paths = new ArrayList<>();
		for (final String part : text.split(",")) {
			if (part.isBlank()) continue;
			final Path p = Path.of(part.trim()).toAbsolutePath().normalize();
			if (isPattern(part)) paths.addAll(matches(key, p));
			else paths.add(p);
		}
		if (paths.isEmpty()) throw new InvalidInputException(key + "=" + text + " names no volume");
		return paths;
	}

	/** @return the files and folders matching the pattern in the last part of {@code pattern}, in natural order */
	private static List<Path> matches(final String key, final Path pattern) {
		final Path folder = pattern.getParent();
		if (isPattern(folder.toString())) throw new InvalidInputException(key + "=" + pattern +
			": only the last part of a path may hold * or ?");
		final List<Path> found = new ArrayList<>();
		try (DirectoryStream<Path> list = Files.newDirectoryStream(folder, pattern.getFileName().toString())) {
			for (final Path p : list)
				if (!p.getFileName().toString().startsWith(".")) found.add(p);
		}
		catch (final IOException e) {
			throw new InvalidInputException(key + "=" + pattern + ": cannot list " + folder + " (" + e.getMessage() + ")",
				e);
		}
		if (found.isEmpty()) throw new InvalidInputException(key + "=" + pattern + " matches nothing");
		found.sort((a, b) -> NaturalOrder.INSTANCE.compare(a.getFileName().toString(), b.getFileName().toString()));
		return found;
	}

	/** @return the name of a volume without its extension: scan1 for scan1.h5 or the folder scan1 */
	static String stem(final Path volume) {
		final String name = volume.getFileName().toString();
		final int dot = name.lastIndexOf('.');
		return dot > 0 && !Files.isDirectory(volume) ? name.substring(0, dot) : name;
	}

	private static String blankToNull(final String s) {
		return s == null || s.isBlank() ? null : s.trim();
	}
}
