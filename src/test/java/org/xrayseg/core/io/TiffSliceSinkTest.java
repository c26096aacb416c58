package org.xrayseg.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import ij.ImagePlus;
import ij.io.Opener;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.real.FloatType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xrayseg.core.convert.Pixels;
import org.xrayseg.core.error.InvalidInputException;

/** Stacks written by {@link TiffSliceSink}: classic or BigTIFF, atomic, calibrated, read back exactly. */
class TiffSliceSinkTest {

	private static final VoxelSize VOXEL = new VoxelSize(0.65, 0.65, 1.3, "\u00b5m");

	@TempDir
	Path dir;

	private static short[] slice(final int z) {
		final short[] s = new short[12];
		for (int i = 0; i < s.length; i++)
			s[i] = (short) (60000 + 100 * z + i);
		return s;
	}

	private static int magic(final Path file) throws IOException {
		return ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN).getShort(2);
	}

	private List<String> files() throws IOException {
		try (Stream<Path> list = Files.list(dir)) {
			return list.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
		}
	}

	private Path writeStack(final String name, final long classicLimit, final VoxelSize voxel) {
		final Path out = dir.resolve(name);
		try (TiffSliceSink sink = new TiffSliceSink(out, 16, false, voxel)) {
			sink.classicLimit = classicLimit;
			for (int z = 0; z < 4; z++)
				sink.write(ArrayImgs.unsignedShorts(slice(z), 4, 3), null);
			sink.commit();
		}
		return out;
	}

	@Test
	void smallStackIsClassicTiffAndLargeOneBigTiffBothReadBackExactly() throws IOException {
		final Path classic = writeStack("classic.tif", TiffStackWriter.CLASSIC_LIMIT, VoxelSize.UNKNOWN);
		final Path big = writeStack("big.tif", 100, VoxelSize.UNKNOWN);
		assertEquals(42, magic(classic));
		assertEquals(43, magic(big));
		for (final Path file : List.of(classic, big))
			try (FileSliceSource s = FileSliceSource.open(file)) {
				assertEquals(4, s.size());
				for (int z = 0; z < 4; z++) {
					final float[] expected = new float[12];
					for (int i = 0; i < 12; i++)
						expected[i] = slice(z)[i] & 0xffff;
					assertArrayEquals(expected, Pixels.toFloats(s.slice(z)), file.getFileName() + " slice " + z);
				}
				assertEquals(VoxelSize.UNKNOWN, s.voxelSize());
			}
	}

	/** Checks the BigTIFF layout byte by byte against the BigTIFF specification, not through our reader. */
	@Test
	void bigTiffOutputFollowsTheSpecification() throws IOException {
		final Path big = writeStack("big.tif", 0, VOXEL);
		final ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(big)).order(ByteOrder.LITTLE_ENDIAN);
		assertEquals('I', b.get(0));
		assertEquals('I', b.get(1));
		assertEquals(43, b.getShort(2));
		assertEquals(8, b.getShort(4), "bytes per offset");
		assertEquals(0, b.getShort(6));
		long ifd = b.getLong(8);
		for (int page = 0; page < 4; page++) {
			final long entries = b.getLong((int) ifd);
			int previousTag = -1;
			for (int e = 0; e < entries; e++) {
				final int at = (int) ifd + 8 + 20 * e;
				final int tag = b.getShort(at) & 0xffff;
				assertTrue(tag > previousTag, "tags in ascending order");
				previousTag = tag;
				if (tag == 273) { // StripOffsets: LONG8, one strip per slice, slices one after the other from byte 16
					assertEquals(16, b.getShort(at + 2));
					assertEquals(1, b.getLong(at + 4));
					assertEquals(16 + page * 24, b.getLong(at + 12));
				}
				if (tag == 282) { // XResolution: a RATIONAL, inside the entry as BigTIFF requires; 1 / 0.65 = 20/13
					assertEquals(5, b.getShort(at + 2));
					assertEquals(20, b.getInt(at + 12));
					assertEquals(13, b.getInt(at + 16));
				}
			}
			assertEquals(page == 0 ? 14 : 13, entries, "the description is on the first page only");
			ifd = b.getLong((int) ifd + 8 + 20 * (int) entries);
		}
		assertEquals(0, ifd, "four directories");
		assertEquals(60000 + 300 + 11, b.getShort(16 + 3 * 24 + 22) & 0xffff, "last pixel of slice 4");
	}

	@Test
	void bigTiffAppearsOnlyOnCommit() throws IOException {
		final Path out = dir.resolve("atomic.tif");
		try (TiffSliceSink sink = new TiffSliceSink(out, 16, false)) {
			sink.classicLimit = 0;
			sink.write(ArrayImgs.unsignedShorts(slice(0), 4, 3), null);
			assertFalse(Files.exists(out));
			assertEquals(1, files().size(), "one hidden temporary");
			sink.commit();
		}
		assertEquals(List.of("atomic.tif"), files());
		assertEquals(43, magic(out));
		try (TiffSliceSink sink = new TiffSliceSink(dir.resolve("dropped.tif"), 16, false)) {
			sink.classicLimit = 0;
			sink.write(ArrayImgs.unsignedShorts(slice(0), 4, 3), null);
		}
		assertEquals(List.of("atomic.tif"), files());
	}

	@Test
	void voxelSizeSurvivesTheRoundTripAndImageJSeesIt() {
		for (final long limit : new long[] { TiffStackWriter.CLASSIC_LIMIT, 0 }) {
			final Path file = writeStack(limit == 0 ? "big.tif" : "classic.tif", limit, VOXEL);
			try (FileSliceSource s = FileSliceSource.open(file)) {
				assertEquals(VOXEL, s.voxelSize());
			}
		}
		final ImagePlus imp = new Opener().openImage(dir.resolve("classic.tif").toString());
		assertEquals(4, imp.getStackSize());
		assertEquals(60000 + 300 + 11, imp.getStack().getProcessor(4).get(3, 2));
		assertEquals(0.65, imp.getCalibration().pixelWidth, 1e-12);
		assertEquals(1.3, imp.getCalibration().pixelDepth, 1e-12);
		assertEquals("micron", imp.getCalibration().getUnit(), "ImageJ's name for µm");
	}

	@Test
	void folderOutputIsCalibratedToo() {
		final Path folder = dir.resolve("slices");
		try (TiffSliceSink sink = new TiffSliceSink(folder, 8, false, VOXEL)) {
			sink.write(ArrayImgs.unsignedBytes(new byte[] { 1, 2, 3, 4 }, 2, 2), "a.png");
			sink.write(ArrayImgs.unsignedBytes(new byte[] { 5, 6, 7, (byte) 255 }, 2, 2), "b.png");
			sink.commit();
		}
		try (FileSliceSource s = FileSliceSource.open(folder)) {
			assertEquals(new VoxelSize(0.65, 0.65, 1.3, "\u00b5m"), s.voxelSize());
			assertArrayEquals(new float[] { 5, 6, 7, 255 }, Pixels.toFloats(s.slice(1)));
		}
	}

	@Test
	void floatSlicesAreKeptAsFloats() {
		final Path out = dir.resolve("probabilities.tif");
		try (TiffSliceSink sink = new TiffSliceSink(out, 32, false)) {
			sink.write(ArrayImgs.floats(new float[] { 0.25f, -1.5f, Float.MAX_VALUE, 1e-7f }, 2, 2), null);
			sink.commit();
		}
		try (FileSliceSource s = FileSliceSource.open(out)) {
			assertEquals(FloatType.class, s.slice(0).getType().getClass());
			assertArrayEquals(new float[] { 0.25f, -1.5f, Float.MAX_VALUE, 1e-7f }, Pixels.toFloats(s.slice(0)));
		}
	}

	@Test
	void sliceOfAnotherSizeIsRefused() {
		try (TiffSliceSink sink = new TiffSliceSink(dir.resolve("mixed.tif"), 8, false)) {
			sink.write(ArrayImgs.unsignedBytes(4, 3), null);
			assertEquals("Slice 2 is 5x3 but the slices before it in mixed.tif are 4x3: a stack holds slices of one size",
				assertThrows(InvalidInputException.class, () -> sink.write(ArrayImgs.unsignedBytes(5, 3), null))
					.getMessage());
		}
	}
}
