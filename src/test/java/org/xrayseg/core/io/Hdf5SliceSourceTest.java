package org.xrayseg.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import net.imglib2.type.numeric.integer.ShortType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.integer.UnsignedIntType;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.type.numeric.real.DoubleType;
import net.imglib2.type.numeric.real.FloatType;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xrayseg.core.convert.Pixels;
import org.xrayseg.core.error.InvalidInputException;

/**
 * 3D HDF5 datasets, contiguous and chunked, read slice by slice. The files come
 * from hdf5/make_fixtures.py: value(z, y, x) = 100 z + 10 y + x in 5 x 6 x 7.
 */
class Hdf5SliceSourceTest {

	@TempDir
	Path dir;

	private Path volume;
	private Path single;

	@BeforeEach
	void copyFixtures() throws IOException {
		volume = copy("volume.h5");
		single = copy("single.h5");
	}

	private Path copy(final String name) throws IOException {
		try (InputStream in = getClass().getResourceAsStream("hdf5/" + name)) {
			final Path p = dir.resolve(name);
			Files.copy(in, p);
			return p;
		}
	}

	private static float[] expected(final int z, final int mask) {
		final float[] v = new float[42];
		for (int y = 0; y < 6; y++)
			for (int x = 0; x < 7; x++)
				v[y * 7 + x] = (100 * z + 10 * y + x) & mask;
		return v;
	}

	private void assertVolume(final String dataset, final int mask, final Class<?> type) {
		assertVolume(dataset, mask, type, Hdf5Planes.LAYER_CACHE_BYTES);
	}

	private void assertVolume(final String dataset, final int mask, final Class<?> type, final long cache) {
		try (Hdf5SliceSource s = Hdf5SliceSource.open(volume, dataset, cache)) {
			assertEquals(5, s.size(), dataset);
			assertArrayEquals(new long[] { 7, 6 }, s.dimensions(0));
			for (final int z : new int[] { 0, 1, 2, 3, 4, 1, 0 }) { // in order, then back into an earlier layer
				assertEquals(type, s.slice(z).getType().getClass(), dataset);
				assertArrayEquals(expected(z, mask), Pixels.toFloats(s.slice(z)), dataset + " slice " + z);
			}
		}
	}

	@Test
	void chunkedAndCompressedDatasetsReadBackExactly() {
		assertVolume("/exchange/data", -1, UnsignedShortType.class); // chunks 2x4x4, gzip: partial in every axis
		assertVolume("/chunked/float32_one_slice_per_chunk", -1, FloatType.class);
		assertVolume("/chunked/uint8_shuffle_gzip", 0xff, UnsignedByteType.class);
	}

	@Test
	void chunksAreDecodedRightWithoutTheLayerCacheToo() {
		assertVolume("/exchange/data", -1, UnsignedShortType.class, 0);
		assertVolume("/chunked/uint8_shuffle_gzip", 0xff, UnsignedByteType.class, 0);
	}

	@Test
	void contiguousDatasetsOfEveryPixelTypeReadBackExactly() {
		final Map<String, Class<?>> types = Map.of("uint8", UnsignedByteType.class, "uint16_big_endian",
			UnsignedShortType.class, "int16", ShortType.class, "uint32", UnsignedIntType.class, "float32",
			FloatType.class, "float64", DoubleType.class);
		types.forEach((name, type) -> assertVolume("/contiguous/" + name, name.equals("uint8") ? 0xff : -1, type));
	}

	@Test
	void withoutDatasetPathDxchangeOrTheOnlyVolumeIsTaken() {
		try (Hdf5SliceSource s = Hdf5SliceSource.open(volume, null)) {
			assertEquals("/exchange/data", s.datasetPath());
			assertEquals("volume.h5:/exchange/data, slice 3", s.describe(2));
		}
		try (Hdf5SliceSource s = Hdf5SliceSource.open(single, "")) {
			assertEquals("/recon", s.datasetPath());
			assertArrayEquals(expected(4, -1), Pixels.toFloats(s.slice(4)));
		}
	}

	@Test
	void voxelSizeFromElementSizeOrDxchangePixelSize() {
		try (Hdf5SliceSource s = Hdf5SliceSource.open(volume, "/exchange/data")) {
			assertEquals(new VoxelSize(0.25, 0.5, 2, "\u00b5m"), s.voxelSize());
		}
		try (Hdf5SliceSource s = Hdf5SliceSource.open(volume, "/contiguous/uint8")) {
			assertEquals(VoxelSize.UNKNOWN, s.voxelSize());
		}
		try (Hdf5SliceSource s = Hdf5SliceSource.open(single, "/recon")) {
			assertEquals(new VoxelSize(0.65, 0.65, 0.65, "\u00b5m"), s.voxelSize());
		}
	}

	@Test
	void missingFlatOrUnreadableDatasetsGiveOneLine() {
		final String volumes = "/chunked/float32_one_slice_per_chunk, /chunked/uint8_shuffle_gzip, "
			+ "/contiguous/float32, /contiguous/float64, /contiguous/int16, /contiguous/uint16_big_endian, "
			+ "/contiguous/uint32, /contiguous/uint8, /exchange/data, /other/int64";
		assertEquals("volume.h5 has no dataset /exchange/dat; its 3D datasets: " + volumes, message(volume,
			"/exchange/dat"));
		assertEquals("volume.h5 has no dataset /exchange; its 3D datasets: " + volumes, message(volume, "/exchange"));
		assertEquals("volume.h5: /flat/image is a 2D image (6x7); a volume needs a 3D dataset (z, y, x)",
			message(volume, "/flat/image"));
		assertEquals("volume.h5: /other/int64 holds 64-bit signed numbers, which cannot be read: "
			+ "use 8-, 16- or 32-bit integers or 32- or 64-bit floats", message(volume, "/other/int64"));
	}

	@Test
	void truncatedFileIsReportedBeforeAnythingIsRead() throws IOException {
		final byte[] whole = Files.readAllBytes(volume);
		final Path cut = Files.write(dir.resolve("cut.h5"), Arrays.copyOf(whole, whole.length / 2));
		assertEquals(cut + " is truncated (it ends at byte " + whole.length / 2 + " but HDF5 says " + whole.length +
			"): copy it again from its source", message(cut, "/exchange/data"));
		final Path stub = Files.write(dir.resolve("stub.h5"), Arrays.copyOf(whole, 20));
		assertEquals(stub + " is truncated (its HDF5 superblock is incomplete): copy it again from its source",
			message(stub, null));
	}

	private static String message(final Path file, final String dataset) {
		return assertThrows(InvalidInputException.class, () -> Hdf5SliceSource.open(file, dataset)).getMessage();
	}
}
