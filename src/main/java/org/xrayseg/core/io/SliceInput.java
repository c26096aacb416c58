package org.xrayseg.core.io;

import java.io.File;
import java.nio.file.Path;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

import org.xrayseg.core.error.InvalidInputException;

/**
 * One input of a command: a file or folder on disk, or an image in memory (an
 * open image in Fiji). The image wins if both are given.
 *
 * @param key the command key of the file, e.g. "images"
 * @param file a folder of slices, an image file or an HDF5 file, or null
 * @param image a 2D or 3D (x, y, z) image, or null
 * @param dataset the 3D dataset of an HDF5 file, e.g. "/exchange/data"; null or
 *          blank for DXchange's /exchange/data or the file's only 3D dataset
 * @param slices which slices to use, e.g. "101-200", "101-" or "1-50,201-250"
 *          (1-based, inclusive; see {@link SliceSpec}); null or blank for all
 */
public record SliceInput(String key, File file, RandomAccessibleInterval<? extends RealType<?>> image,
	String dataset, String slices)
{

	/** An input of all the slices of a file or image; the HDF5 dataset, if any, found as described above. */
	public SliceInput(final String key, final File file, final RandomAccessibleInterval<? extends RealType<?>> image) {
		this(key, file, image, null, null);
	}

	/** @return an input from a file only */
	public static SliceInput file(final String key, final File file) {
		return new SliceInput(key, file, null);
	}

	/** @return this input, reading the HDF5 dataset {@code path} (e.g. "/exchange/data") */
	public SliceInput withDataset(final String path) {
		return new SliceInput(key, file, image, path, slices);
	}

	/** @return this input, reading only the slices {@code spec} (e.g. "101-200"), numbered as in the whole */
	public SliceInput withSlices(final String spec) {
		return new SliceInput(key, file, image, dataset, spec);
	}

	public boolean isGiven() {
		return file != null || image != null;
	}

	/** @return the path on disk, or null for an image in memory */
	public Path path() {
		return image == null && file != null ? file.toPath() : null;
	}

	/** @return the slices of this input; the caller closes them */
	public SliceSource open() {
		if (image != null) return SliceRange.select(new ImgSliceSource(image, key), slices);
		if (file == null) throw new InvalidInputException("No " + key + " given (" + key +
			"=FOLDER or FILE, or an open image)");
		return SliceSources.open(file.toPath(), dataset, slices);
	}

	/** @return the slices, or null if this optional input is not given */
	public SliceSource openIfGiven() {
		return isGiven() ? open() : null;
	}

	/** Throws if {@code output} would overwrite one of {@code inputs} on disk. */
	public static void requireNotInput(final Path output, final SliceInput... inputs) {
		for (final SliceInput in : inputs)
			if (in != null && in.path() != null) AtomicOutput.requireNotInput(output, in.path());
	}
}
