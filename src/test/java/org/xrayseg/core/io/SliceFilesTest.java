package org.xrayseg.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

import net.imglib2.img.array.ArrayImgs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xrayseg.core.convert.Pixels;
import org.xrayseg.core.error.InvalidInputException;

class SliceFilesTest {

	@TempDir
	Path dir;

	@Test
	void stackFileRoundTripsSixteenBitSlicesInOrder() {
		final Path stack = dir.resolve("labels.tif");
		try (TiffSliceSink sink = new TiffSliceSink(stack, 16, false)) {
			for (int z = 0; z < 3; z++)
				sink.write(ArrayImgs.unsignedShorts(new short[] { (short) z, (short) 40000, 7, (short) 65535 }, 2, 2),
					null);
			sink.commit();
		}
		try (FileSliceSource source = FileSliceSource.open(stack)) {
			assertEquals(3, source.size());
			assertArrayEquals(new long[] { 2, 2 }, source.dimensions(2));
			assertArrayEquals(new float[] { 2, 40000, 7, 65535 }, Pixels.toFloats(source.slice(2)));
			assertEquals("labels.tif, slice 3", source.describe(2));
		}
	}

	@Test
	void folderIsReadInNaturalOrderAndKeepsFileNames() throws IOException {
		final Path folder = dir.resolve("slices");
		try (TiffSliceSink sink = new TiffSliceSink(folder, 8, false)) {
			for (final int i : new int[] { 10, 2, 1 })
				sink.write(ArrayImgs.unsignedBytes(new byte[] { (byte) i }, 1, 1), "img_" + i + ".png");
			sink.commit();
		}
		Files.writeString(folder.resolve("notes.txt"), "not an image");
		try (FileSliceSource source = FileSliceSource.open(folder)) {
			assertEquals(List.of("img_1.tif", "img_2.tif", "img_10.tif"), List.of(source.fileName(0), source.fileName(
				1), source.fileName(2)));
			assertEquals(10f, Pixels.toFloats(source.slice(2))[0]);
			assertEquals("slices/img_10.tif", source.describe(2));
		}
	}

	@Test
	void uncommittedOutputLeavesNothingBehind() throws IOException {
		final Path stack = dir.resolve("out.tif");
		try (TiffSliceSink sink = new TiffSliceSink(stack, 8, false)) {
			sink.write(ArrayImgs.unsignedBytes(1, 1), null);
		}
		try (Stream<Path> files = Files.list(dir)) {
			assertEquals(List.of(), files.collect(Collectors.toList()));
		}
	}

	@Test
	void existingOutputIsKeptUnlessOverwriteIsSet() throws IOException {
		final Path out = dir.resolve("out.tif");
		Files.writeString(out, "precious");
		final InvalidInputException e = assertThrows(InvalidInputException.class, () -> new TiffSliceSink(out, 8,
			false));
		assertTrue(e.getMessage().endsWith("out.tif already exists: choose another name or set overwrite=true"));
		assertEquals("precious", Files.readString(out));
		try (TiffSliceSink sink = new TiffSliceSink(out, 8, true)) {
			sink.write(ArrayImgs.unsignedBytes(1, 1), null);
			sink.commit();
		}
		assertFalse(Files.readString(out, java.nio.charset.StandardCharsets.ISO_8859_1).equals("precious"));
	}

	@Test
	void outputThatIsAnInputIsRefused() {
		final Path in = dir.resolve("images");
		assertThrows(InvalidInputException.class, () -> AtomicOutput.requireNotInput(in, in));
		assertThrows(InvalidInputException.class, () -> AtomicOutput.requireNotInput(dir, in));
		AtomicOutput.requireNotInput(dir.resolve("labels"), in);
	}

	@Test
	void badInputsGiveOneClearMessage() throws IOException {
		assertEquals("Not found: " + dir.resolve("nope"), assertThrows(InvalidInputException.class,
			() -> FileSliceSource.open(dir.resolve("nope"))).getMessage());
		final Path empty = Files.createDirectory(dir.resolve("empty"));
		assertEquals("Folder " + empty + " contains no images (.tif, .tiff or .png)", assertThrows(
			InvalidInputException.class, () -> FileSliceSource.open(empty)).getMessage());
		final Path text = Files.writeString(dir.resolve("fake.tif"), "hello");
		assertTrue(assertThrows(InvalidInputException.class, () -> FileSliceSource.open(text)).getMessage()
			.contains("is not an image file"));
		final Path rgb = dir.resolve("colour.png");
		ImageIO.write(new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB), "png", rgb.toFile());
		try (FileSliceSource source = FileSliceSource.open(rgb)) {
			assertEquals("colour.png is a colour (RGB) image: convert it to 8-, 16- or 32-bit grey first (Image > Type in Fiji)",
				assertThrows(InvalidInputException.class, () -> source.slice(0)).getMessage());
		}
	}

	@Test
	void naturalOrderSortsNumbersByValue() {
		final List<String> names = Stream.of("s10.tif", "s2.tif", "S1.tif", "s02b.tif", "s002.tif").sorted(
			NaturalOrder.INSTANCE).collect(Collectors.toList());
		assertEquals(List.of("S1.tif", "s002.tif", "s2.tif", "s02b.tif", "s10.tif"), names);
	}
}
