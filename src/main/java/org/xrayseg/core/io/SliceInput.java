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
 * @param file a folder of slices or an image file, or null
 * @param image a 2D or 3D (x, y, z) image, or null
 */
public record SliceInput(String key, File file, RandomAccessibleInterval<? extends RealType<?>> image) {

	/** @return an input from a file only */
	public static SliceInput file(final String key, final File file) {
		return new SliceInput(key, file, null);
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
		if (image != null) return new ImgSliceSource(image, key);
		if (file == null) throw new InvalidInputException("No " + key + " given (" + key +
			"=FOLDER or FILE, or an open image)");
		return FileSliceSource.open(file.toPath());
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
