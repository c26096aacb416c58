package org.xrayseg.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.Raster;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.ByteType;
import net.imglib2.type.numeric.integer.IntType;
import net.imglib2.type.numeric.integer.ShortType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.integer.UnsignedIntType;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.type.numeric.real.DoubleType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.xrayseg.core.io.GeneratedTiff.Sample;

/**
 * Every layout the reader claims (TIFF and BigTIFF, both byte orders, strips
 * and tiles, every compression it decodes, both fill orders, every predictor
 * that compression takes, every sample type), read through
 * {@link SliceSources#open} pixel for pixel as written, as its uncompressed
 * copy reads, and (classic TIFF that the JDK's reader decodes right) as the
 * JDK reads it.
 */
class TiffLayoutsTest {

	private static final int WIDTH = 37;
	private static final int HEIGHT = 23;
	private static final int PAGES = 2;

	@TempDir
	Path dir;

	/** One file layout. */
	record Layout(boolean big, ByteOrder order, boolean tiles, int compression, int fillOrder, int predictor,
		Sample sample)
	{

		GeneratedTiff tiff() {
			final GeneratedTiff t = new GeneratedTiff(WIDTH, HEIGHT, sample, PAGES);
			t.big = big;
			t.order = order;
			t.tile = tiles ? 16 : 0;
			t.compression = compression;
			t.fillOrder = fillOrder;
			t.predictor = predictor;
			return t;
		}

		@Override
		public String toString() {
			return (big ? "BigTIFF " : "TIFF ") + (order == ByteOrder.BIG_ENDIAN ? "MM " : "II ") + (tiles ? "tiles "
				: "strips ") + sample + " compression " + compression + " fill order " + fillOrder + " predictor " +
				predictor;
		}
	}

	static Stream<Layout> layouts() {
		final List<Layout> all = new ArrayList<>();
		for (final boolean big : new boolean[] { false, true })
			for (final ByteOrder order : new ByteOrder[] { ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN })
				for (final boolean tiles : new boolean[] { false, true })
					for (final int compression : new int[] { 1, 5, 8, 32773 })
						for (final int fillOrder : new int[] { 1, 2 })
							for (final Sample sample : Sample.values())
								for (final int predictor : predictors(compression, sample))
									all.add(new Layout(big, order, tiles, compression, fillOrder, predictor, sample));
		return all.stream();
	}

	/** Predictors go with LZW and Deflate (libtiff ignores them otherwise); 3 with floats only, none with 1 bit. */
	private static int[] predictors(final int compression, final Sample sample) {
		if (compression == 1 || compression == 32773 || sample == Sample.BIT) return new int[] { 1 };
		return sample.format == 3 ? new int[] { 1, 2, 3 } : new int[] { 1, 2 };
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("layouts")
	void readsAsWrittenAndAsItsUncompressedCopy(final Layout layout) throws IOException {
		final GeneratedTiff tiff = layout.tiff();
		final Path file = tiff.write(dir.resolve("coded.tif"));
		final GeneratedTiff copy = new Layout(layout.big, layout.order, false, 1, 1, 1, layout.sample).tiff();
		final Path plain = copy.write(dir.resolve("plain.tif"));
		final List<double[]> read = read(file, layout.sample);
		final List<double[]> readPlain = read(plain, layout.sample);
		for (int z = 0; z < PAGES; z++) {
			assertArrayEquals(tiff.pages.get(z), read.get(z), "slice " + (z + 1) + " as written");
			assertArrayEquals(readPlain.get(z), read.get(z), "slice " + (z + 1) + " as its uncompressed copy");
		}
		if (jdkReadsRight(layout)) {
			final List<double[]> jdk = readWithJdk(file, layout.sample);
			for (int z = 0; z < PAGES; z++)
				assertArrayEquals(jdk.get(z), read.get(z), "slice " + (z + 1) + " as the JDK's reader");
		}
	}

	@Test
	void folderSlicesAndImageJStacksGoThroughTheSameDecoder() throws IOException {
		final Path folder = Files.createDirectory(dir.resolve("slices"));
		final GeneratedTiff tiff = new GeneratedTiff(WIDTH, HEIGHT, Sample.INT16, 1); // PackBits, FillOrder 2
		tiff.order = ByteOrder.BIG_ENDIAN;
		tiff.compression = 32773;
		tiff.fillOrder = 2;
		tiff.write(folder.resolve("a.tif"));
		tiff.write(folder.resolve("b.tif"));
		try (SliceSource s = SliceSources.open(folder, null, null)) {
			assertEquals(2, s.size());
			assertArrayEquals(tiff.pages.get(0), values(s.slice(1)), "the JDK reads PackBits with FillOrder 2 wrong");
		}
		// ImageJ's stacks: slices one after the other from the first strip, read from their offset
		final GeneratedTiff imagej = new Layout(false, ByteOrder.BIG_ENDIAN, false, 1, 2, 1, Sample.UINT16).tiff();
		imagej.rowsPerStrip = HEIGHT;
		imagej.description("ImageJ=1.54p\nimages=2\n");
		final Path stack = imagej.write(dir.resolve("imagej.tif"));
		try (TiffFile file = TiffFile.open(stack)) {
			assertTrue(file.contiguous);
		}
		final List<double[]> read = read(stack, Sample.UINT16);
		for (int z = 0; z < PAGES; z++)
			assertArrayEquals(imagej.pages.get(z), read.get(z), "slice " + (z + 1));
	}

	/**
	 * The JDK's TIFF reader reads classic TIFF only; it cannot undo the
	 * horizontal predictor beyond 8 bits, nor the floating-point one, and it
	 * ignores FillOrder 2 with PackBits and Deflate.
	 */
	private static boolean jdkReadsRight(final Layout l) {
		if (l.big || l.predictor == 3 || l.predictor == 2 && l.sample.bits > 8) return false;
		return l.fillOrder == 1 || l.compression == 1 || l.compression == 5;
	}

	/** The pages of {@code file} as the product reads them, checked to be of {@code sample}'s ImgLib2 type. */
	static List<double[]> read(final Path file, final Sample sample) {
		final List<double[]> pages = new ArrayList<>();
		try (SliceSource s = SliceSources.open(file, null, null)) {
			assertEquals(PAGES, s.size());
			for (int z = 0; z < s.size(); z++) {
				assertArrayEquals(new long[] { WIDTH, HEIGHT }, s.dimensions(z));
				final RandomAccessibleInterval<? extends RealType<?>> slice = s.slice(z);
				assertEquals(imgType(sample), slice.getType().getClass());
				pages.add(values(slice));
			}
		}
		return pages;
	}

	private static double[] values(final RandomAccessibleInterval<? extends RealType<?>> slice) {
		final double[] v = new double[WIDTH * HEIGHT];
		int i = 0;
		for (final RealType<?> t : Views.flatIterable(slice))
			v[i++] = t.getRealDouble();
		return v;
	}

	private static Class<?> imgType(final Sample sample) {
		switch (sample) {
			case BIT: case UINT8: return UnsignedByteType.class;
			case INT8: return ByteType.class;
			case UINT16: return UnsignedShortType.class;
			case INT16: return ShortType.class;
			case UINT32: return UnsignedIntType.class;
			case INT32: return IntType.class;
			case FLOAT32: return FloatType.class;
			default: return DoubleType.class;
		}
	}

	/** The pages as the JDK's own TIFF reader reads them, its samples taken as {@code sample}'s values. */
	static List<double[]> readWithJdk(final Path file, final Sample sample) throws IOException {
		final List<double[]> pages = new ArrayList<>();
		try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
			final ImageReader reader = jdkTiffReader();
			try {
				reader.setInput(in);
				for (int z = 0; z < reader.getNumImages(true); z++) {
					final Raster r = reader.read(z).getRaster(); // its readRaster is not implemented
					final double[] v = new double[r.getWidth() * r.getHeight()];
					for (int i = 0; i < v.length; i++)
						v[i] = asSample(r.getSampleDouble(r.getMinX() + i % r.getWidth(), r.getMinY() + i / r.getWidth(), 0),
							sample);
					pages.add(v);
				}
			}
			finally {
				reader.dispose();
			}
		}
		return pages;
	}

	private static ImageReader jdkTiffReader() {
		final var readers = ImageIO.getImageReadersByFormatName("tiff");
		while (readers.hasNext()) {
			final ImageReader r = readers.next();
			if (r.getClass().getName().startsWith("com.sun.imageio")) return r;
		}
		throw new AssertionError("the JDK's TIFF reader is missing");
	}

	/** A JDK sample (its Java types are signed or unsigned as they happen to be) read as {@code sample}. */
	private static double asSample(final double v, final Sample sample) {
		if (sample.format == 3) return v;
		final double range = Math.pow(2, sample.bits);
		if (sample.format == 1) return v < 0 ? v + range : v;
		return v >= range / 2 ? v - range : v;
	}
}
