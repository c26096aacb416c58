package org.xrayseg.spark;

import java.io.File;
import java.nio.file.Path;

import org.xrayseg.core.error.InvalidInputException;
import org.xrayseg.core.io.TiffSliceSink;

/**
 * One volume a user asks to segment, as the keys name it.
 *
 * @param input a folder of slices, a TIFF stack or an HDF5 file
 * @param output the folder for the label slices (one TIFF per slice)
 * @param slices which slices, as after {@code slices=}; null for all
 * @param dataset the HDF5 dataset; null for the default
 */
public record VolumeRequest(Path input, Path output, String slices, String dataset) {

	/** @throws InvalidInputException if the output is no folder */
	public static VolumeRequest of(final File input, final File output, final String slices, final String dataset) {
		if (input == null) throw new InvalidInputException("No input given (input=FOLDER or FILE)");
		if (output == null) throw new InvalidInputException("No output given (output=FOLDER)");
		if (TiffSliceSink.isStackPath(output.toPath())) throw new InvalidInputException("output=" + output +
			" is a .tif stack, but a Spark job writes one label file per slice: give a folder");
		return new VolumeRequest(input.toPath().toAbsolutePath().normalize(), output.toPath().toAbsolutePath()
			.normalize(), blankToNull(slices), blankToNull(dataset));
	}

	private static String blankToNull(final String s) {
		return s == null || s.isBlank() ? null : s.trim();
	}
}
