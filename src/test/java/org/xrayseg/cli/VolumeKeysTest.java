package org.xrayseg.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import net.imglib2.img.array.ArrayImgs;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xrayseg.TestData;
import org.xrayseg.command.ExitCode;
import org.xrayseg.core.convert.Pixels;
import org.xrayseg.core.io.FileSliceSource;
import org.xrayseg.core.io.SliceSource;
import org.xrayseg.core.io.SliceSources;
import org.xrayseg.core.io.TiffSliceSink;
import org.xrayseg.core.io.VoxelSize;
import org.xrayseg.core.model.ModelFile;

/**
 * The keys for real volumes, from the command line: slice ranges split a
 * volume into parts that give exactly the labels of the whole, an HDF5
 * dataset is segmented, the input's voxel size reaches the labels, and phase
 * names given at training reach the model, the history and the Dice table.
 */
@Tag("trains")
class VolumeKeysTest {

	@TempDir
	Path dir;

	private String out;
	private String err;

	@Test
	void partsOfAVolumeGiveExactlyTheLabelsOfTheWhole() throws Exception {
		final String model = TestData.model().toString();
		final Path input = TestData.volume().resolve("train/images");
		assertEquals(ExitCode.OK, run("segment", "model=" + model, "input=" + input, "output=" + dir.resolve("whole")), err);
		assertEquals(ExitCode.OK, run("segment", "model=" + model, "input=" + input, "output=" + dir.resolve("part1"),
			"slices=1-2,5-"), err);
		assertEquals(ExitCode.OK, run("segment", "model=" + model, "input=" + input, "output=" + dir.resolve("part2"),
			"slices=3-4"), err);
		try (FileSliceSource whole = FileSliceSource.open(dir.resolve("whole"));
			FileSliceSource part1 = FileSliceSource.open(dir.resolve("part1"));
			FileSliceSource part2 = FileSliceSource.open(dir.resolve("part2")))
		{
			assertEquals(whole.size(), part1.size() + part2.size());
			for (int i = 0; i < whole.size(); i++) {
				final String name = whole.fileName(i);
				final Path part = Files.exists(dir.resolve("part1").resolve(name)) ? dir.resolve("part1") : dir.resolve(
					"part2");
				try (SliceSource b = FileSliceSource.open(part.resolve(name))) {
					assertArrayEquals(Pixels.toFloats(whole.slice(i)), Pixels.toFloats(b.slice(0)), name);
				}
			}
		}
		assertEquals(ExitCode.FAILED, run("segment", "model=" + model, "input=" + input, "output=" + dir.resolve("x"),
			"slices=5-9"), err);
		assertTrue(err.contains("slices=5-9 lies outside the 6 slices of"), err);
	}

	@Test
	void anHdf5DatasetIsSegmentedSliceBySlice() throws Exception {
		final Path h5 = dir.resolve("volume.h5");
		try (InputStream in = getClass().getResourceAsStream("/org/xrayseg/core/io/hdf5/volume.h5")) {
			Files.copy(in, h5);
		}
		final Path labels = dir.resolve("labels.tif");
		assertEquals(ExitCode.OK, run("segment", "model=" + TestData.model(), "input=" + h5, "dataset=/exchange/data",
			"output=" + labels), err);
		try (SliceSource in = SliceSources.open(h5, "/exchange/data", null); SliceSource l = FileSliceSource.open(
			labels))
		{
			assertEquals(in.size(), l.size());
		}
		assertEquals(ExitCode.FAILED, run("segment", "model=" + TestData.model(), "input=" + h5, "dataset=/nope",
			"output=" + dir.resolve("none.tif")), err);
		assertTrue(err.startsWith("error: volume.h5 has no dataset /nope; its 3D datasets: "), err);
	}

	@Test
	void theInputsVoxelSizeReachesTheLabels() throws Exception {
		final Path stack = dir.resolve("calibrated.tif");
		final VoxelSize size = new VoxelSize(0.65, 0.65, 1.3, "µm");
		try (FileSliceSource images = FileSliceSource.open(TestData.volume().resolve("test/images"));
			TiffSliceSink sink = new TiffSliceSink(stack, 16, false, size))
		{
			for (int i = 0; i < images.size(); i++)
				sink.write(ArrayImgs.unsignedShorts(toShorts(Pixels.toFloats(images.slice(i))), 64, 64), null);
			sink.commit();
		}
		final Path labels = dir.resolve("labels.tif");
		assertEquals(ExitCode.OK, run("segment", "model=" + TestData.model(), "input=" + stack, "output=" + labels), err);
		try (SliceSource l = FileSliceSource.open(labels)) {
			assertEquals(size, l.voxelSize());
		}
	}

	@Test
	void phaseNamesGivenAtTrainingReachTheModelTheHistoryAndTheDiceTable() throws Exception {
		final Path data = TestData.volume();
		final Path model = dir.resolve("named.xrsm");
		assertEquals(ExitCode.OK, run("train-unet", "images=" + data.resolve("train/images"), "labels=" + data.resolve(
			"train/labels"), "model=" + model, "epochs=1", "steps_per_epoch=2", "batch_size=2", "patch_size=32",
			"depth=2", "device=cpu", "class_names=pore,nickel,YSZ"), err);
		assertTrue(out.contains("validation Dice pore") && out.contains("validation Dice YSZ"), out);
		assertEquals(List.of("pore", "nickel", "YSZ"), ModelFile.readMetadata(model).coding().names());
		assertEquals(ExitCode.OK, run("evaluate", "prediction=" + data.resolve("test/labels"), "truth=" + data.resolve(
			"test/labels"), "class_names=pore,nickel,YSZ"), err);
		assertTrue(out.contains("\npore ") && out.contains("\nnickel ") && out.contains("\nYSZ "), out);
		assertEquals(ExitCode.FAILED, run("train-unet", "images=" + data.resolve("train/images"), "labels=" + data
			.resolve("train/labels"), "model=" + dir.resolve("m2.xrsm"), "epochs=1", "steps_per_epoch=1",
			"patch_size=32", "depth=2", "device=cpu", "class_names=pore,solid"), err);
		assertTrue(err.contains("class_names gives 2 names, but the labels hold 3 phases (codes 0, 128, 255)"), err);
	}

	private static short[] toShorts(final float[] values) {
		final short[] s = new short[values.length];
		for (int i = 0; i < s.length; i++)
			s[i] = (short) values[i];
		return s;
	}

	private int run(final String... args) {
		final Printed p = Printed.run(args);
		out = p.out();
		err = p.err();
		return p.code();
	}
}
