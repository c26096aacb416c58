package org.xrayseg.core.io;

import java.nio.file.Path;

/**
 * The reader for the pages of one image file: TIFF and BigTIFF are decoded by
 * {@link TiffPages} (one decoder for both), ImageJ's uncompressed stacks read
 * slice by slice from their offset ({@link ContiguousPages}); the JDK's
 * readers are left JPEG- and fax-coded classic TIFF, and PNG.
 */
final class PageReaders {

	private PageReaders() {}

	/** Opens the pages of {@code file}; throws a one-line error if they cannot be read. */
	static PageReader open(final Path file) {
		return TiffFile.isTiff(file) ? open(TiffFile.open(file)) : ImageFileReader.open(file);
	}

	/** Opens the pages of {@code tiff}, which the reader returned (or this, on an error) closes. */
	static PageReader open(final TiffFile tiff) {
		try {
			TiffSupport.require(tiff);
			if (tiff.contiguous) return new ContiguousPages(tiff);
			if (!TiffSupport.jdkOnly(tiff)) return new TiffPages(tiff);
			tiff.close();
			return ImageFileReader.open(tiff.file, new ImageFileReader.Known(TiffSupport.jdkKind(tiff.first),
				TiffSupport.jdkAdvice(tiff.first)));
		}
		catch (final RuntimeException e) {
			tiff.close();
			throw e;
		}
	}
}
