package org.xrayseg.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

import org.xrayseg.core.error.InvalidInputException;
import org.xrayseg.core.io.AtomicOutput;
import org.xrayseg.core.io.FileSliceSource;
import org.xrayseg.core.io.SliceSource;
import org.xrayseg.core.io.SliceSources;
import org.xrayseg.core.io.SliceSpec;

/**
 * What a job does with one volume, decided on the driver before any task
 * runs: which slices, the file name of each label slice, and whether the
 * output is already complete. Label files are named as the command line names
 * them: after the input files for a folder, {@code slice_0001.tif} and on for
 * the slices of a stack or HDF5 file, numbered as in the whole volume (so that
 * {@code slices=} parts of one volume fill one folder without clashes).
 *
 * @param request the volume as the keys name it
 * @param volumeSize the number of slices of the whole volume
 * @param indices the 0-based slices to segment
 * @param names the label file of each of {@code indices}
 * @param complete true if the output already holds every label file (nothing to do)
 * @param megapixels the pixels of the whole volume, in millions (what decides {@code tta=auto}, as in segment)
 */
public record VolumePlan(VolumeRequest request, int volumeSize, int[] indices, String[] names, boolean complete,
	double megapixels)
{

	/**
	 * Looks at the input and the output of {@code request}.
	 *
	 * @param overwrite true to segment again into an existing output
	 * @throws InvalidInputException if the input cannot be read, the slices are
	 *           not in it, or the output exists but is not this volume's labels
	 */
	public static VolumePlan of(final VolumeRequest request, final boolean overwrite) {
		AtomicOutput.requireNotInput(request.output(), request.input());
		final int size;
		final int[] indices;
		final String[] names;
		final double megapixels;
		try (SliceSource source = SliceSources.open(request.input(), request.dataset(), null)) {
			size = source.size();
			indices = request.slices() == null ? IntStream.range(0, size).toArray() : SliceSpec.parse(request.slices())
				.indices(size, source.name());
			names = new String[indices.length];
			final Map<String, Integer> seen = new HashMap<>();
			for (int k = 0; k < indices.length; k++) {
				names[k] = labelName(source, indices[k]);
				final Integer earlier = seen.put(names[k], indices[k]);
				if (earlier != null) throw new InvalidInputException(source.describe(earlier) + " and " + source.describe(
					indices[k]) + " would both be labelled " + names[k] + ": rename one of them");
			}
			megapixels = source.megapixels();
		}
		return new VolumePlan(request, size, indices, names, isComplete(request.output(), names, overwrite),
			megapixels);
	}

	/** @return the label file name of slice {@code index} (0-based, in the whole volume) */
	static String labelName(final SliceSource source, final int index) {
		final String file = source instanceof FileSliceSource ? ((FileSliceSource) source).fileName(index) : null;
		if (file == null) return String.format(Locale.ROOT, "slice_%04d.tif", index + 1);
		final int dot = file.lastIndexOf('.');
		return (dot > 0 ? file.substring(0, dot) : file) + ".tif";
	}

	private static boolean isComplete(final Path output, final String[] names, final boolean overwrite) {
		if (!Files.exists(output)) return false;
		if (!Files.isDirectory(output)) throw new InvalidInputException("output=" + output +
			" is a file; a Spark job writes a folder of label slices");
		if (overwrite) return false;
		final long missing = Arrays.stream(names).filter(n -> !Files.isRegularFile(output.resolve(n)))
			.count();
		if (missing > 0) throw new InvalidInputException(output + " exists but lacks " + missing + " of the " +
			names.length + " label slices, so it is not the output of a finished job: choose another output or set " +
			"overwrite=true");
		return true;
	}

	/** @return the number of slices to segment */
	public int count() {
		return indices.length;
	}
}
