package org.xrayseg.core.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

import org.xrayseg.core.error.InvalidInputException;

/**
 * Slices from disk: a folder of single-slice images in natural order, or the
 * pages of one (multi-page) image file: TIFF, BigTIFF (pages over 4 GB), an
 * ImageJ stack (also ImageJ's own layout past 4 GB: one directory, slices
 * stored one after the other) or PNG. TIFF and BigTIFF pages are decoded by
 * {@link TiffPages}; JPEG- or fax-coded TIFF and PNG by the JDK's image
 * readers (see {@link PageReaders}). Pixels
 * are read when a slice is asked for, one slice at a time; a multi-page file
 * stays open until {@link #close()}.
 */
public final class FileSliceSource implements SliceSource {

	private static final List<String> EXTENSIONS = List.of("tif", "tiff", "png");

	private final Path path;
	private final List<Path> files;
	private final PageReader stack;
	private final int size;
	private final VoxelSize voxelSize;
	private final String phases;

	private FileSliceSource(final Path path, final List<Path> files, final PageReader stack, final int size,
		final VoxelSize voxelSize)
	{
		this(path, files, stack, size, voxelSize, null);
	}

	private FileSliceSource(final Path path, final List<Path> files, final PageReader stack, final int size,
		final VoxelSize voxelSize, final String phases)
	{
		this.phases = phases;
		this.path = path;
		this.files = files;
		this.stack = stack;
		this.size = size;
		this.voxelSize = voxelSize;
	}

	/** Opens a folder of slices or an image file; throws a clear error if it is missing or empty. */
	public static FileSliceSource open(final Path path) {
		if (path == null || path.toString().isBlank()) throw new InvalidInputException("No input path given");
		if (!Files.exists(path)) throw new InvalidInputException("Not found: " + path);
		if (Files.isDirectory(path)) {
			final List<Path> files = listImages(path);
			if (files.isEmpty()) throw new InvalidInputException("Folder " + path +
				" contains no images (.tif, .tiff or .png)");
			final TiffDirectory first = firstTiff(files.get(0));
			return new FileSliceSource(path, files, null, files.size(), first == null ? VoxelSize.UNKNOWN
				: TiffCalibration.read(first), first == null ? null : ImageJDescription.phases(first.description));
		}
		if (!TiffFile.isTiff(path)) {
			final ImageFileReader reader = ImageFileReader.open(path);
			try {
				return new FileSliceSource(path, null, reader, reader.pageCount(), VoxelSize.UNKNOWN);
			}
			catch (final RuntimeException e) {
				reader.close();
				throw e;
			}
		}
		final TiffFile tiff = TiffFile.open(path);
		return new FileSliceSource(path, null, PageReaders.open(tiff), tiff.pageCount, TiffCalibration.read(
			tiff.first), ImageJDescription.phases(tiff.first.description));
	}

	/**
	 * @return the first directory of a folder's first file, if a TIFF: a folder
	 *         is calibrated as that file is (ImageJ's File > Import > Image
	 *         Sequence), and holds the phases it names; else null
	 */
	private static TiffDirectory firstTiff(final Path first) {
		if (!TiffFile.isTiff(first)) return null;
		try (TiffFile tiff = TiffFile.open(first)) {
			return tiff.first;
		}
	}

	/** @return the image files of {@code folder} in natural order, hidden files excluded */
	public static List<Path> listImages(final Path folder) {
		try (Stream<Path> list = Files.list(folder)) {
			return list.filter(p -> Files.isRegularFile(p) && !p.getFileName().toString().startsWith(".") &&
				EXTENSIONS.contains(extension(p))).sorted((a, b) -> NaturalOrder.INSTANCE.compare(a.getFileName()
					.toString(), b.getFileName().toString())).collect(Collectors.toList());
		}
		catch (final IOException e) {
			throw new InvalidInputException("Cannot list folder " + folder + ": " + e.getMessage(), e);
		}
	}

	private static String extension(final Path p) {
		final String n = p.getFileName().toString();
		final int dot = n.lastIndexOf('.');
		return dot < 0 ? "" : n.substring(dot + 1).toLowerCase(Locale.ROOT);
	}

	/** @return the path this source reads */
	@Override
	public Path path() {
		return path;
	}

	@Override
	public String fileName(final int index) {
		return files == null ? null : files.get(index).getFileName().toString();
	}

	@Override
	public int size() {
		return size;
	}

	@Override
	public long[] dimensions(final int index) {
		if (stack != null) return stack.dimensions(index);
		try (PageReader r = PageReaders.open(files.get(index))) {
			return r.dimensions(0);
		}
	}

	@Override
	public RandomAccessibleInterval<? extends RealType<?>> slice(final int index) {
		if (stack != null) return stack.read(index, describe(index));
		try (PageReader r = PageReaders.open(files.get(index))) {
			final int pages = r.pageCount();
			if (pages != 1) throw new InvalidInputException(describe(index) + " holds " + pages +
				" slices; a folder must hold one slice per file");
			return r.read(0, describe(index));
		}
	}

	@Override
	public String describe(final int index) {
		if (stack != null) return path.getFileName() + (size > 1 ? ", slice " + (index + 1) : "");
		final Path f = files.get(index);
		return path.getFileName() + "/" + f.getFileName();
	}

	@Override
	public String name() {
		return (stack != null ? "file " : "folder ") + path;
	}

	@Override
	public VoxelSize voxelSize() {
		return voxelSize;
	}

	@Override
	public String phaseLegend() {
		return phases;
	}

	@Override
	public void close() {
		if (stack != null) stack.close();
	}
}
