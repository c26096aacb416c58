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
 * pages of one (multi-page) image file. Pixels are read when a slice is asked
 * for; a multi-page file stays open until {@link #close()}.
 */
public final class FileSliceSource implements SliceSource {

	private static final List<String> EXTENSIONS = List.of("tif", "tiff", "png");

	private final Path path;
	private final List<Path> files;
	private final ImageFileReader stack;
	private final int size;

	private FileSliceSource(final Path path, final List<Path> files, final ImageFileReader stack) {
		this.path = path;
		this.files = files;
		this.stack = stack;
		this.size = stack != null ? stack.pageCount() : files.size();
	}

	/** Opens a folder of slices or an image file; throws a clear error if it is missing or empty. */
	public static FileSliceSource open(final Path path) {
		if (path == null || path.toString().isBlank()) throw new InvalidInputException("No input path given");
		if (!Files.exists(path)) throw new InvalidInputException("Not found: " + path);
		if (Files.isDirectory(path)) {
			final List<Path> files = listImages(path);
			if (files.isEmpty()) throw new InvalidInputException("Folder " + path +
				" contains no images (.tif, .tiff or .png)");
			return new FileSliceSource(path, files, null);
		}
		final ImageFileReader reader = ImageFileReader.open(path);
		try {
			return new FileSliceSource(path, null, reader);
		}
		catch (final RuntimeException e) {
			reader.close();
			throw e;
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
	public Path path() {
		return path;
	}

	/** @return the file name of slice {@code index} (a folder's file, or null for a stack page) */
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
		try (ImageFileReader r = ImageFileReader.open(files.get(index))) {
			return r.dimensions(0);
		}
	}

	@Override
	public RandomAccessibleInterval<? extends RealType<?>> slice(final int index) {
		if (stack != null) return stack.read(index, describe(index));
		try (ImageFileReader r = ImageFileReader.open(files.get(index))) {
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
	public void close() {
		if (stack != null) stack.close();
	}
}
