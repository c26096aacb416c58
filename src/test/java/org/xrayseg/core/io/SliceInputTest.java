package org.xrayseg.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import net.imglib2.img.array.ArrayImgs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xrayseg.core.convert.Pixels;
import org.xrayseg.core.error.InvalidInputException;
import org.xrayseg.core.io.GeneratedTiff.Sample;

/** Every format opened the one way commands open inputs: {@link SliceInput}, with dataset= and slices=. */
class SliceInputTest {

	@TempDir
	Path dir;

	private Path hdf5() throws IOException {
		try (InputStream in = getClass().getResourceAsStream("hdf5/volume.h5")) {
			final Path p = dir.resolve("volume.h5");
			Files.copy(in, p);
			return p;
		}
	}

	@Test
	void hdf5DatasetAndSlicesAreChosenOnTheInput() throws IOException {
		final SliceInput in = SliceInput.file("input", hdf5().toFile()).withDataset("/contiguous/float32")
			.withSlices("2-3");
		try (SliceSource s = in.open()) {
			assertEquals(2, s.size());
			assertEquals("volume.h5:/contiguous/float32, slice 3", s.describe(1));
			assertEquals(200 + 10 * 5 + 6, Pixels.toFloats(s.slice(1))[41]);
			assertEquals(dir.resolve("volume.h5"), s.path());
		}
	}

	@Test
	void hdf5FileWithoutDatasetOpensDxchange() throws IOException {
		try (SliceSource s = SliceInput.file("input", hdf5().toFile()).open()) {
			assertEquals("volume.h5:/exchange/data, slice 1", s.describe(0));
			assertEquals(new VoxelSize(0.25, 0.5, 2, "\u00b5m"), s.voxelSize());
		}
	}

	@Test
	void bigTiffAndImageJLayoutsOpenThroughTheInput() throws IOException {
		final GeneratedTiff big = GeneratedTiff.counting(5, 4, Sample.UINT16, 6);
		big.big = true;
		final GeneratedTiff imagej = GeneratedTiff.counting(5, 4, Sample.UINT16, 6).description(
			"ImageJ=1.54p\nimages=6\nslices=6\nloop=false\n");
		imagej.order = ByteOrder.BIG_ENDIAN;
		imagej.onlyFirstDirectory = true;
		for (final Path file : new Path[] { big.write(dir.resolve("big.tif")), imagej.write(dir.resolve(
			"large.tif")) })
			try (SliceSource s = SliceInput.file("input", file.toFile()).withSlices("5-").open()) {
				assertEquals(2, s.size());
				assertEquals(file.getFileName() + ", slice 6", s.describe(1));
				assertArrayEquals(BigTiffReadTest.expected(5, 4, 5, 0xffff), Pixels.toFloats(s.slice(1)));
			}
	}

	@Test
	void imageInMemoryTakesSlicesToo() {
		final SliceInput in = new SliceInput("images", null, ArrayImgs.unsignedBytes(new byte[] { 1, 2, 3 }, 1, 1, 3))
			.withSlices("3");
		assertNull(in.dataset());
		try (SliceSource s = in.open()) {
			assertEquals(1, s.size());
			assertEquals(3, Pixels.toFloats(s.slice(0))[0]);
			assertEquals("images, slice 3", s.describe(0));
		}
	}

	@Test
	void wrongDatasetOrRangeNamesTheFile() throws IOException {
		final Path h5 = hdf5();
		assertEquals("slices=4-9 lies outside the 5 slices of file " + h5 + ", dataset /exchange/data", assertThrows(
			InvalidInputException.class, () -> SliceInput.file("input", h5.toFile()).withSlices("4-9").open())
				.getMessage());
		final Path tif = GeneratedTiff.counting(2, 2, Sample.UINT16, 1).write(dir.resolve("scan.tif"));
		assertEquals("dataset=/exchange/data applies to HDF5 files (.h5, .hdf5, .nxs), but scan.tif is not one: "
			+ "leave dataset= empty", assertThrows(InvalidInputException.class, () -> SliceInput.file("input", tif
				.toFile()).withDataset("/exchange/data").open()).getMessage());
	}
}
