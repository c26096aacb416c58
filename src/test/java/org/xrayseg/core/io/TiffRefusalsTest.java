package org.xrayseg.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.xrayseg.core.error.InvalidInputException;
import org.xrayseg.core.io.GeneratedTiff.Entry;
import org.xrayseg.core.io.GeneratedTiff.Sample;

/**
 * TIFFs that other programs write and this reader cannot read are refused in
 * one line that names the file and says what it is; the odd ones it can read
 * (a tag given twice, a predictor without compression, fax and JPEG coding)
 * are read as libtiff reads them.
 */
class TiffRefusalsTest {

	private static final String GREY = ": convert it to 8-, 16- or 32-bit grey first (Image > Type in Fiji)";
	private static final String LOSSLESS = ", which cannot be read: save it uncompressed or with LZW, Deflate or PackBits";

	@TempDir
	Path dir;

	/** A file made unreadable by {@code setup}, and the message after its name. */
	record Refusal(String kind, Consumer<GeneratedTiff> setup, String message) {

		@Override
		public String toString() {
			return kind;
		}
	}

	static Stream<Refusal> refusals() {
		final String bits = ", which cannot be read: use 8-, 16- or 32-bit grey or 32-bit float";
		return Stream.of(
			new Refusal("JPEG 2000", t -> t.compression = 34712, " uses TIFF compression JPEG 2000" + LOSSLESS),
			new Refusal("LZMA", t -> t.compression = 34925, " uses TIFF compression LZMA" + LOSSLESS),
			new Refusal("Zstandard", t -> t.compression = 50000, " uses TIFF compression Zstandard" + LOSSLESS),
			new Refusal("unknown compression", t -> t.compression = 12345, " uses TIFF compression code 12345" +
				LOSSLESS),
			new Refusal("predictor 4", t -> t.tag(259, 3, 5).tag(317, 3, 4), " uses TIFF predictor 4" + LOSSLESS),
			new Refusal("RGB", t -> t.tag(262, 3, 2).tag(277, 3, 3).tag(258, 3, 8, 8, 8), " is a colour (RGB) image" +
				GREY),
			new Refusal("CMYK", t -> t.tag(262, 3, 5).tag(277, 3, 4).tag(258, 3, 8, 8, 8, 8), " is a CMYK image" + GREY),
			new Refusal("YCbCr", t -> t.tag(262, 3, 6).tag(277, 3, 3).tag(258, 3, 8, 8, 8), " is a YCbCr colour image" +
				GREY),
			new Refusal("CIELab", t -> t.tag(262, 3, 8).tag(277, 3, 3), " is a CIELab colour image" + GREY),
			new Refusal("LogLuv", t -> t.tag(259, 3, 34676).tag(262, 3, 32845).tag(277, 3, 3),
				" is a LogLuv colour image" + GREY),
			new Refusal("grey and alpha", t -> t.tag(277, 3, 2).tag(258, 3, 8, 8).tag(338, 3, 2),
				" is grey with an alpha channel (2 samples per pixel)" + GREY),
			new Refusal("grey and two extra channels", t -> t.tag(277, 3, 3).tag(338, 3, 0, 0),
				" is grey with 2 extra channels (3 samples per pixel)" + GREY),
			new Refusal("12-bit", t -> t.tag(258, 3, 12), " has 12-bit integer pixels" + bits),
			new Refusal("16-bit float", t -> t.tag(339, 3, 3), " has 16-bit floating-point pixels" + bits),
			new Refusal("complex", t -> t.tag(339, 3, 6), " has 16-bit complex pixels, which cannot be read" + GREY));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("refusals")
	void unreadableKindIsRefusedInOneLineNamingTheFile(final Refusal refusal) throws IOException {
		for (final boolean big : new boolean[] { false, true }) {
			final GeneratedTiff tiff = new GeneratedTiff(37, 23, Sample.UINT16, 2);
			tiff.big = big;
			refusal.setup.accept(tiff);
			final Path file = tiff.write(dir.resolve((big ? "big-" : "") + "odd.tif"));
			assertEquals(file.getFileName() + refusal.message, refused(file));
		}
	}

	/** The message with which the file is refused, when opened or at the latest when its slices are read. */
	private static String refused(final Path file) {
		final InvalidInputException e = assertThrows(InvalidInputException.class, () -> {
			try (SliceSource s = SliceSources.open(file, null, null)) {
				for (int z = 0; z < s.size(); z++)
					s.slice(z);
			}
		});
		assertFalse(e.getMessage().contains("\n"), e.getMessage());
		return e.getMessage();
	}

	@Test
	void tagCountLargerThanTheFileIsCalledDamagedAndNamed() throws IOException {
		for (final boolean big : new boolean[] { false, true }) {
			final GeneratedTiff tiff = new GeneratedTiff(37, 23, Sample.UINT16, 1);
			tiff.big = big;
			tiff.tags.put(279, new Entry(279, 4, new long[0], 3468830728L));
			final Path file = tiff.write(dir.resolve("huge.tif"));
			assertEquals("huge.tif is damaged: its tag StripByteCounts (279) claims 3468830728 values of 4 bytes, " +
				"more than the whole file (" + Files.size(file) + " bytes): save it again with the program that wrote it",
				refused(file));
		}
	}

	@Test
	void tagGivenTwiceCountsAsFirstGiven() throws IOException {
		for (final boolean big : new boolean[] { false, true }) {
			final GeneratedTiff tiff = new GeneratedTiff(37, 23, Sample.UINT16, 2);
			tiff.big = big;
			tiff.extra.add(new Entry(256, 4, 99));
			tiff.extra.add(new Entry(257, 4, 5));
			tiff.extra.add(new Entry(339, 3, 3));
			final Path file = tiff.write(dir.resolve("twice.tif"));
			final List<double[]> read = TiffLayoutsTest.read(file, Sample.UINT16); // checks 37 x 23, 16-bit unsigned
			for (int z = 0; z < 2; z++)
				assertArrayEquals(tiff.pages.get(z), read.get(z));
		}
	}

	@Test
	void predictorWithoutCompressionIsIgnoredAsLibtiffAndTheJdkDo() throws IOException {
		final GeneratedTiff tiff = new GeneratedTiff(37, 23, Sample.UINT8, 2);
		tiff.tag(317, 3, 2); // the tag only: the samples are stored as they are
		final Path file = tiff.write(dir.resolve("predictor.tif"));
		final List<double[]> read = TiffLayoutsTest.read(file, Sample.UINT8);
		final List<double[]> jdk = TiffLayoutsTest.readWithJdk(file, Sample.UINT8);
		for (int z = 0; z < 2; z++) {
			assertArrayEquals(tiff.pages.get(z), read.get(z));
			assertArrayEquals(jdk.get(z), read.get(z));
		}
	}

	@Test
	void faxAndJpegCodedTiffsAreReadByTheJdkAsTheyAreWritten() throws IOException {
		final BufferedImage bilevel = new BufferedImage(37, 23, BufferedImage.TYPE_BYTE_BINARY);
		final BufferedImage grey = new BufferedImage(37, 23, BufferedImage.TYPE_BYTE_GRAY);
		final Random random = new Random(3);
		for (int y = 0; y < 23; y++)
			for (int x = 0; x < 37; x++) {
				bilevel.getRaster().setSample(x, y, 0, random.nextInt(5) == 0 ? 1 : 0);
				grey.getRaster().setSample(x, y, 0, x * 5 + y);
			}
		for (final String compression : new String[] { "CCITT RLE", "CCITT T.4", "CCITT T.6", "JPEG" }) {
			final BufferedImage image = compression.equals("JPEG") ? grey : bilevel;
			final Path file = writeWithJdk(image, compression, dir.resolve(compression.replace(' ', '-') + ".tif"));
			final BufferedImage jdk = ImageIO.read(file.toFile());
			try (SliceSource s = SliceSources.open(file, null, null)) {
				final float[] read = org.xrayseg.core.convert.Pixels.toFloats(s.slice(0));
				for (int i = 0; i < read.length; i++)
					assertEquals(jdk.getRaster().getSample(i % 37, i / 37, 0), read[i], compression + " pixel " + i);
				if (!compression.equals("JPEG")) for (int i = 0; i < read.length; i++)
					assertEquals(bilevel.getRaster().getSample(i % 37, i / 37, 0), read[i], compression + " pixel " + i);
			}
		}
	}

	@Test
	void faxDataTheJdkFailsOnIsRefusedInOneLineNamingTheKind() throws IOException {
		final BufferedImage image = new BufferedImage(37, 23, BufferedImage.TYPE_BYTE_BINARY);
		final Path file = writeWithJdk(image, "CCITT T.6", dir.resolve("fax.tif"));
		final long strip;
		try (TiffFile tiff = TiffFile.open(file)) {
			strip = tiff.first.offsets[0];
		}
		try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) { // random bytes for the coded pixels
			final byte[] noise = new byte[(int) (f.length() - strip)];
			new Random(1).nextBytes(noise);
			f.seek(strip);
			f.write(noise);
		}
		final String message = refused(file);
		assertTrue(message.startsWith("fax.tif is a 1-bit CCITT Group 4 fax image, which cannot be read ("),
			message);
		assertTrue(message.endsWith("): save it as 8-bit uncompressed TIFF"), message);
	}

	private static Path writeWithJdk(final BufferedImage image, final String compression, final Path file)
		throws IOException
	{
		final ImageWriter writer = ImageIO.getImageWritersByFormatName("tiff").next();
		try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
			writer.setOutput(out);
			final ImageWriteParam param = writer.getDefaultWriteParam();
			param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
			param.setCompressionType(compression);
			writer.write(null, new IIOImage(image, null, null), param);
		}
		finally {
			writer.dispose();
		}
		return file;
	}
}
