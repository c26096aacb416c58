package org.xrayseg.core.io;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.xrayseg.core.error.InvalidInputException;

/**
 * Opens the slices of a volume on disk, whatever its format: a folder of
 * slices, a TIFF (classic, BigTIFF, ImageJ's stacks also past 4 GB), PNG, or a
 * 3D dataset of an HDF5 file (.h5, .hdf5, .hdf, .he5, .nxs, or any file that
 * starts like HDF5); optionally only some of its slices.
 */
public final class SliceSources {

	private static final List<String> HDF5_EXTENSIONS = List.of("h5", "hdf5", "hdf", "he5", "nxs");

	private SliceSources() {}

	/**
	 * @param path a folder, an image file or an HDF5 file
	 * @param dataset the HDF5 dataset, e.g. "/exchange/data"; null or blank for
	 *          the default (see {@link Hdf5SliceSource#open}); must be blank for
	 *          other files
	 * @param slices which slices, as after {@code slices=} (see {@link SliceSpec});
	 *          null or blank for all
	 * @return the slices; the caller closes them
	 */
	public static SliceSource open(final Path path, final String dataset, final String slices) {
		final SliceSource source;
		if (path != null && isHdf5(path)) source = Hdf5SliceSource.open(path, dataset);
		else {
			source = FileSliceSource.open(path);
			if (dataset != null && !dataset.isBlank()) {
				source.close();
				throw new InvalidInputException("dataset=" + dataset + " applies to HDF5 files (.h5, .hdf5, .nxs), " +
					"but " + path.getFileName() + " is not one: leave dataset= empty");
			}
		}
		try {
			return SliceRange.select(source, slices);
		}
		catch (final RuntimeException e) {
			source.close();
			throw e;
		}
	}

	/** @return true if {@code path} is a file named or starting like HDF5 */
	public static boolean isHdf5(final Path path) {
		if (!Files.isRegularFile(path)) return false;
		final String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
		final int dot = name.lastIndexOf('.');
		return dot >= 0 && HDF5_EXTENSIONS.contains(name.substring(dot + 1)) || Hdf5SliceSource.hasSignature(path);
	}
}
