package org.xrayseg.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.io.Opener;
import ij.measure.Calibration;
import ij.process.ShortProcessor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xrayseg.core.convert.Pixels;
import org.xrayseg.core.error.InvalidInputException;
import org.xrayseg.core.io.GeneratedTiff.Sample;

/** ImageJ's TIFF stacks, its layout past 4 GB included, read as ImageJ reads them; our stacks open in ImageJ. */
class ImageJTiffTest {

	private static final String DESCRIPTION = "ImageJ=1.54p\nimages=5\nslices=5\nunit=micron\nspacing=2.5\nloop=false\n";

	@TempDir
	Path dir;

	/** ImageJ's layout for stacks over 4 GB, with a tiny N: one directory, slices one after the other. */
	private Path largeLayout(final String name) throws IOException {
		final GeneratedTiff b = GeneratedTiff.counting(6, 4, Sample.UINT16, 5).description(DESCRIPTION);
		b.order = ByteOrder.BIG_ENDIAN;
		b.onlyFirstDirectory = true;
		return b.write(dir.resolve(name));
	}

	@Test
	void largeLayoutWithOneDirectoryGivesAllItsSlices() throws IOException {
		try (FileSliceSource s = FileSliceSource.open(largeLayout("large.tif"))) {
			assertEquals(5, s.size());
			for (int z = 0; z < 5; z++)
				assertArrayEquals(BigTiffReadTest.expected(6, 4, z, 0xffff), Pixels.toFloats(s.slice(z)));
			assertEquals("large.tif, slice 5", s.describe(4));
			assertEquals(new VoxelSize(1, 1, 2.5, "\u00b5m"), s.voxelSize());
		}
	}

	@Test
	void imageJReadsTheHandMadeLayoutTheSameWay() throws IOException {
		final ImagePlus imp = new Opener().openImage(largeLayout("large.tif").toString());
		assertEquals(5, imp.getStackSize());
		assertEquals(GeneratedTiff.value(5, 3, 4), imp.getStack().getProcessor(5).get(5, 3));
	}

	@Test
	void truncatedLargeLayoutNamesTheSliceWhereItEnds() throws IOException {
		final byte[] whole = Files.readAllBytes(largeLayout("large.tif"));
		// 5 slices of 48 bytes end the file: cut inside slice 4
		final Path cut = Files.write(dir.resolve("cut.tif"), Arrays.copyOf(whole, whole.length - 2 * 48 + 10));
		assertEquals(cut + " is truncated (ImageJ's description says 5 slices of 6x4 16-bit, but the file ends within slice 4): copy it again from its source",
			assertThrows(InvalidInputException.class, () -> FileSliceSource.open(cut)).getMessage());
	}

	@Test
	void stackSavedByImageJIsReadWithItsCalibration() {
		final ImageStack stack = new ImageStack(5, 3);
		for (int z = 0; z < 3; z++) {
			final short[] p = new short[15];
			for (int i = 0; i < 15; i++)
				p[i] = (short) (40000 + 100 * z + i);
			stack.addSlice(new ShortProcessor(5, 3, p, null));
		}
		final ImagePlus imp = new ImagePlus("scan", stack);
		final Calibration cal = imp.getCalibration();
		cal.pixelWidth = 0.65;
		cal.pixelHeight = 0.65;
		cal.pixelDepth = 2;
		cal.setUnit("micron");
		final Path file = dir.resolve("scan.tif");
		assertTrue(new FileSaver(imp).saveAsTiffStack(file.toString()));
		try (FileSliceSource s = FileSliceSource.open(file)) {
			assertEquals(3, s.size());
			assertEquals(40000 + 200 + 14, Pixels.toFloats(s.slice(2))[14]);
			final VoxelSize v = s.voxelSize();
			assertEquals(0.65, v.x(), 1e-6);
			assertEquals(0.65, v.y(), 1e-6);
			assertEquals(2, v.z());
			assertEquals("\u00b5m", v.unit());
		}
	}
}
