package org.xrayseg.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferUShort;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.type.numeric.real.FloatType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xrayseg.core.convert.Pixels;
import org.xrayseg.core.error.InvalidInputException;
import org.xrayseg.core.io.GeneratedTiff.Sample;

/** BigTIFF and classic TIFF layouts (strips, tiles, compressions, byte orders) read back exactly. */
class BigTiffReadTest {

	@TempDir
	Path dir;

	/** The pixels page {@code z} of a {@link GeneratedTiff#counting} volume must have, as floats. */
	static float[] expected(final int w, final int h, final int z, final int mask) {
		final float[] v = new float[w * h];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++)
				v[y * w + x] = GeneratedTiff.value(x, y, z) & mask;
		return v;
	}

	private static void assertVolume(final Path file, final int w, final int h, final int n, final int mask,
		final Class<?> type)
	{
		try (FileSliceSource s = FileSliceSource.open(file)) {
			assertEquals(n, s.size());
			for (int z = 0; z < n; z++) {
				assertArrayEquals(new long[] { w, h }, s.dimensions(z));
				assertEquals(type, s.slice(z).getType().getClass());
				assertArrayEquals(expected(w, h, z, mask), Pixels.toFloats(s.slice(z)), "slice " + (z + 1));
			}
		}
	}

	@Test
	void bigTiffStripsSixteenBitLittleEndian() throws IOException {
		final GeneratedTiff b = GeneratedTiff.counting(20, 7, Sample.UINT16, 3);
		b.big = true;
		b.rowsPerStrip = 2;
		assertVolume(b.write(dir.resolve("strips.tif")), 20, 7, 3, 0xffff, UnsignedShortType.class);
	}

	@Test
	void bigTiffTilesFloatBigEndianDeflate() throws IOException {
		final GeneratedTiff b = GeneratedTiff.counting(20, 18, Sample.FLOAT32, 2);
		b.big = true;
		b.order = ByteOrder.BIG_ENDIAN;
		b.tile = 16;
		b.compression = 8;
		assertVolume(b.write(dir.resolve("tiles.tif")), 20, 18, 2, -1, FloatType.class);
	}

	@Test
	void bigTiffEightBitPackBits() throws IOException {
		final GeneratedTiff b = GeneratedTiff.counting(9, 5, Sample.UINT8, 3);
		b.big = true;
		b.compression = 32773;
		assertVolume(b.write(dir.resolve("packbits.tif")), 9, 5, 3, 0xff, UnsignedByteType.class);
	}

	@Test
	void bigTiffLzwWithHorizontalPredictor() throws IOException {
		final GeneratedTiff b = GeneratedTiff.counting(64, 48, Sample.UINT16, 2);
		b.big = true;
		b.compression = 5;
		b.predictor = 2;
		b.rowsPerStrip = 20;
		assertVolume(b.write(dir.resolve("lzw.tif")), 64, 48, 2, 0xffff, UnsignedShortType.class);
		b.predictor = 1; // without the predictor: more codes, and wider ones
		assertVolume(b.write(dir.resolve("lzw-plain.tif")), 64, 48, 2, 0xffff, UnsignedShortType.class);
	}

	@Test
	void bigTiffFloatTilesWithFloatingPointPredictorInBothByteOrders() throws IOException {
		for (final ByteOrder order : new ByteOrder[] { ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN }) {
			final GeneratedTiff b = GeneratedTiff.counting(20, 18, Sample.FLOAT32, 2);
			b.big = true;
			b.order = order;
			b.tile = 16;
			b.compression = 8;
			b.predictor = 3;
			assertVolume(b.write(dir.resolve(order + ".tif")), 20, 18, 2, -1, FloatType.class);
		}
	}

	@Test
	void lzwDecoderReadsLongRandomDataThroughTableResets() throws IOException {
		final byte[] data = new byte[20000];
		new java.util.Random(7).nextBytes(data);
		assertArrayEquals(data, TiffCodecs.lzw(GeneratedTiff.lzw(data), data.length));
	}

	@Test
	void ownDecoderReadsWhatTheJdkTiffWriterCompressed() throws IOException {
		for (final String compression : new String[] { "LZW", "Deflate", "PackBits" }) {
			final Path file = dir.resolve("jdk-" + compression + ".tif");
			writeWithImageIO(file, "tiff", compression, 2, 40, 33);
			try (TiffPages pages = new TiffPages(TiffFile.open(file))) {
				for (int z = 0; z < 2; z++)
					assertArrayEquals(expected(40, 33, z, 0xffff), Pixels.toFloats(pages.read(z, "page " + z)),
						compression + " page " + z);
			}
		}
	}

	/** Pages of {@link GeneratedTiff#value}, written by an ImageIO TIFF writer, in tiles where it can. */
	private static void writeWithImageIO(final Path file, final String format, final String compression,
		final int pages, final int w, final int h) throws IOException
	{
		final ImageWriter writer = ImageIO.getImageWritersByFormatName(format).next();
		try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
			writer.setOutput(out);
			final ImageWriteParam param = writer.getDefaultWriteParam();
			param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
			param.setCompressionType(compression);
			if (param.canWriteTiles()) {
				param.setTilingMode(ImageWriteParam.MODE_EXPLICIT);
				param.setTiling(16, 16, 0, 0);
			}
			writer.prepareWriteSequence(null);
			for (int z = 0; z < pages; z++) {
				final BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_USHORT_GRAY);
				final short[] data = ((DataBufferUShort) image.getRaster().getDataBuffer()).getData();
				final float[] v = expected(w, h, z, 0xffff);
				for (int i = 0; i < data.length; i++)
					data[i] = (short) v[i];
				writer.writeToSequence(new IIOImage(image, null, null), param);
			}
			writer.endWriteSequence();
		}
		finally {
			writer.dispose();
		}
	}

	@Test
	void truncatedBigTiffIsReportedInOneLine() throws IOException {
		final GeneratedTiff b = GeneratedTiff.counting(20, 7, Sample.UINT16, 3);
		b.big = true;
		final Path whole = b.write(dir.resolve("whole.tif"));
		final byte[] bytes = Files.readAllBytes(whole);
		// directories follow the pixels: cut in the directory of slice 2
		final Path cut = Files.write(dir.resolve("cut.tif"), Arrays.copyOf(bytes, bytes.length - 200));
		final InvalidInputException e = assertThrows(InvalidInputException.class, () -> FileSliceSource.open(cut));
		assertEquals(cut + " is truncated (it ends at byte " + (bytes.length - 200) +
			", before the end of the directory of slice 3): copy it again from its source", e.getMessage());
	}

	@Test
	void pixelsCutShortAreReportedWhenTheSliceIsRead() throws IOException {
		final GeneratedTiff b = GeneratedTiff.counting(20, 7, Sample.UINT16, 1);
		b.big = true;
		b.onlyFirstDirectory = true; // directory first, pixels last
		final byte[] bytes = Files.readAllBytes(b.write(dir.resolve("whole.tif")));
		final Path cut = Files.write(dir.resolve("cut.tif"), Arrays.copyOf(bytes, bytes.length - 20));
		try (FileSliceSource s = FileSliceSource.open(cut)) {
			assertEquals(cut + " is truncated (cut.tif ends beyond the end of the file): copy it again from its source",
				assertThrows(InvalidInputException.class, () -> s.slice(0)).getMessage());
		}
	}

	@Test
	void unsupportedCompressionAndPixelTypeAreNamed() throws IOException {
		final GeneratedTiff jp2 = GeneratedTiff.counting(4, 4, Sample.UINT16, 1);
		jp2.big = true;
		jp2.compression = 34712;
		final Path a = jp2.write(dir.resolve("jp2.tif"));
		assertEquals("jp2.tif uses TIFF compression JPEG 2000, which cannot be read: save it uncompressed or with LZW, Deflate or PackBits",
			assertThrows(InvalidInputException.class, () -> FileSliceSource.open(a)).getMessage());
		final GeneratedTiff jpeg = GeneratedTiff.counting(4, 4, Sample.UINT16, 1);
		jpeg.big = true;
		jpeg.compression = 7;
		final Path j = jpeg.write(dir.resolve("jpeg.tif"));
		assertEquals("jpeg.tif uses TIFF compression JPEG, which cannot be read in a BigTIFF: save it uncompressed or with LZW, Deflate or PackBits",
			assertThrows(InvalidInputException.class, () -> FileSliceSource.open(j)).getMessage());
		final GeneratedTiff half = GeneratedTiff.counting(4, 4, Sample.UINT16, 1).tag(339, 3, 3); // 16-bit float
		final Path h = half.write(dir.resolve("half.tif"));
		assertEquals("half.tif has 16-bit floating-point pixels, which cannot be read: use 8-, 16- or 32-bit grey or 32-bit float",
			assertThrows(InvalidInputException.class, () -> FileSliceSource.open(h)).getMessage());
	}
}
