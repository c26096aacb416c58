package org.xrayseg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import net.imglib2.img.array.ArrayImgs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xrayseg.command.ExitCode;
import org.xrayseg.core.io.TiffSliceSink;
import org.xrayseg.core.io.VoxelSize;

/**
 * Analyze Microstructure from the command line, as a user runs it on a
 * calibrated label stack: the table's columns and known values, a region,
 * a comparison, and one line for each bad input with nothing written.
 */
class MicrostructureTest {

	private static final int W = 20, H = 16, D = 12;

	@TempDir
	Path dir;

	/** pore (0) at x < 8, nickel (128) at x >= 8, y < 8 with one isolated voxel in the YSZ (255) beside it */
	private Path electrode(final String name, final VoxelSize size) throws Exception {
		return electrode(name, size, null);
	}

	/** @param phases the legend Segment writes with its labels, or null */
	private Path electrode(final String name, final VoxelSize size, final String phases) throws Exception {
		final Path stack = dir.resolve(name);
		try (TiffSliceSink sink = new TiffSliceSink(stack, 8, false, size, phases)) {
			for (int z = 0; z < D; z++) {
				final byte[] codes = new byte[W * H];
				for (int y = 0; y < H; y++)
					for (int x = 0; x < W; x++)
						codes[x + W * y] = (byte) (x < 8 ? 0 : y < 8 || x == 14 && y == 12 && z == 5 ? 128 : 255);
				sink.write(ArrayImgs.unsignedBytes(codes, W, H), null);
			}
			sink.commit();
		}
		return stack;
	}

	private static List<String> column(final List<String> csv, final String name) {
		final int c = Arrays.asList(csv.get(0).split(",")).indexOf(name);
		assertTrue(c >= 0, "no column " + name + " in " + csv.get(0));
		return csv.stream().skip(1).map(row -> row.split(",", -1)[c]).toList();
	}

	@Test
	void theTableHoldsEveryMetricPerPhaseInCalibratedUnits() throws Exception {
		final Path labels = electrode("labels.tif", new VoxelSize(0.5, 0.5, 1, "µm"));
		final Path table = dir.resolve("micro.csv");
		final Printed p = Printed.run("microstructure", "labels=" + labels, "class_names=pore,nickel,YSZ", "table=" +
			table, "interface_table=" + dir.resolve("interfaces.csv"));
		assertEquals(ExitCode.OK, p.code(), p.err());
		final List<String> csv = Files.readAllLines(table);
		assertTrue(csv.get(0).startsWith("phase,name,volume_fraction,"), csv.get(0));
		assertEquals(List.of("0", "128", "255"), column(csv, "phase"));
		assertEquals(List.of("pore", "nickel", "YSZ"), column(csv, "name"));
		assertEquals(List.of("µm", "µm", "µm"), column(csv, "unit"));
		assertEquals(0.4, Double.parseDouble(column(csv, "volume_fraction").get(0)), 1e-12);
		assertEquals((12 * 8 * 12 + 1) / 3840.0, Double.parseDouble(column(csv, "volume_fraction").get(1)), 1e-12);
		// one triple line along z through all 12 slices: 12 µm in 960 µm^3
		for (final String tpb : column(csv, "tpb_density"))
			assertEquals(12 / 960.0, Double.parseDouble(tpb), 1e-12);
		assertEquals(column(csv, "tpb_density"), column(csv, "active_tpb_density"));
		assertEquals(List.of("1", "2", "1"), column(csv, "clusters"));
		assertEquals(1.0, Double.parseDouble(column(csv, "percolating_fraction_z").get(0)));
		assertEquals(1 / 1153.0, Double.parseDouble(column(csv, "isolated_fraction_z").get(1)), 1e-12);
		// pore fills x < 8 across y and z: straight paths in y and z, none across x
		assertEquals("inf", column(csv, "tortuosity_x").get(0));
		assertEquals("0.0", column(csv, "effective_diffusivity_x").get(0));
		assertEquals(1.0, Double.parseDouble(column(csv, "tortuosity_y").get(0)), 1e-3);
		assertEquals(0.4, Double.parseDouble(column(csv, "effective_diffusivity_z").get(0)), 1e-3);
		assertTrue(Double.parseDouble(column(csv, "tortuosity_z").get(2)) > 1, "the nickel voxel in the YSZ");
		assertTrue(p.out().contains("Microstructure:"), p.out());
		// pore / nickel: 8 x 12 faces of 0.5 x 1 µm
		final List<String> pairs = Files.readAllLines(dir.resolve("interfaces.csv"));
		assertEquals("0,pore,128,nickel,48.0", pairs.get(1).substring(0, pairs.get(1).indexOf(".0,") + 2));
	}

	@Test
	void phaseNamesComeWithLabelsThatSegmentWrote() throws Exception {
		final Path labels = electrode("named.tif", VoxelSize.UNKNOWN, "0 pore, 128 nickel, 255 YSZ");
		final Path table = dir.resolve("named.csv");
		final Printed p = Printed.run("microstructure", "labels=" + labels, "tortuosity=false", "table=" + table,
			"region=0,0,1,9,15,12");
		assertEquals(ExitCode.OK, p.code(), p.err());
		assertEquals(List.of("pore", "nickel", "YSZ"), column(Files.readAllLines(table), "name"));
		assertEquals(ExitCode.OK, Printed.run("microstructure", "labels=" + labels, "tortuosity=false", "table=" +
			table, "overwrite=true", "region=0,0,1,7,15,12").code(), "a region without nickel and YSZ");
		assertEquals(List.of("pore"), column(Files.readAllLines(table), "name"));
	}

	@Test
	void anHdf5DatasetGivesTheTableOfTheSameTiff() throws Exception {
		final Path tiff = electrode("labels.tif", VoxelSize.UNKNOWN);
		final short[][][] data = new short[D][H][W];
		try (org.xrayseg.core.io.SliceSource s = org.xrayseg.core.io.FileSliceSource.open(tiff)) {
			for (int z = 0; z < D; z++) {
				final float[] v = org.xrayseg.core.convert.Pixels.toFloats(s.slice(z));
				for (int y = 0; y < H; y++)
					for (int x = 0; x < W; x++)
						data[z][y][x] = (short) v[x + W * y];
			}
		}
		try (io.jhdf.WritableHdfFile h5 = io.jhdf.HdfFile.write(dir.resolve("labels.h5"))) {
			h5.putDataset("segmentation", data);
		}
		assertEquals(ExitCode.OK, Printed.run("microstructure", "labels=" + tiff, "table=" + dir.resolve("tiff.csv"),
			"size_distribution=false").code());
		assertEquals(ExitCode.OK, Printed.run("microstructure", "labels=" + dir.resolve("labels.h5"),
			"dataset=/segmentation", "table=" + dir.resolve("h5.csv"), "size_distribution=false").code());
		assertEquals(Files.readAllLines(dir.resolve("tiff.csv")), Files.readAllLines(dir.resolve("h5.csv")));
	}

	@Test
	void aRegionAndAComparisonWithItself() throws Exception {
		final Path labels = electrode("labels.tif", VoxelSize.UNKNOWN);
		final Path comparison = dir.resolve("comparison.csv");
		final Printed p = Printed.run("microstructure", "labels=" + labels, "region=0,0,1,7,15,12", "compare_to=" +
			labels, "comparison_table=" + comparison, "table=" + dir.resolve("t.csv"));
		assertEquals(ExitCode.OK, p.code(), p.err());
		final List<String> t = Files.readAllLines(dir.resolve("t.csv"));
		assertEquals(List.of("0"), column(t, "phase"), "the region holds only pore");
		assertEquals(List.of("voxel"), column(t, "unit"));
		for (final String d : column(Files.readAllLines(comparison), "difference"))
			assertTrue(d.isEmpty() || Double.parseDouble(d) == 0, d);
	}

	@Test
	void badInputsFailInOneLineAndWriteNothing() throws Exception {
		final Path labels = electrode("labels.tif", VoxelSize.UNKNOWN);
		final Path table = dir.resolve("t.csv");
		assertFails("region=0,0,1,7,15,13 is not within the volume", "labels=" + labels, "region=0,0,1,7,15,13",
			"table=" + table);
		assertFails("voxel_size must be one positive size or three", "labels=" + labels, "voxel_size=0 µm", "table=" +
			table);
		assertFails("class_names gives 2 names, but the labels hold 3 phases", "labels=" + labels, "class_names=a,b",
			"table=" + table);
		final Path small = dir.resolve("small.tif");
		try (TiffSliceSink sink = new TiffSliceSink(small, 8, false)) {
			sink.write(ArrayImgs.unsignedBytes(new byte[] { 0, 1, 1, 0 }, 2, 2), null);
			sink.commit();
		}
		assertFails("compare_to= must be a label volume of the same size", "labels=" + labels, "compare_to=" + small,
			"table=" + table);
		assertFails("region=0,0,1,7,15,12 is not within the volume: x 0..19, y 0..15, slices 2..12", "labels=" + labels,
			"slices=2-12", "region=0,0,1,7,15,12", "table=" + table);
		assertFails("class_names names code 7, which the labels do not hold (their codes: 0, 128, 255)", "labels=" +
			labels, "class_names=0:pore,7:gold", "table=" + table);
		assertFails("slices= must be one range of neighbouring slices", "labels=" + labels, "slices=1-3,5-6", "table=" +
			table);
		assertFalse(Files.exists(table), "nothing written by a failed run");
		assertFalse(Files.exists(table), "nothing written by a failed run");
		final Path grey = dir.resolve("grey.tif");
		try (TiffSliceSink sink = new TiffSliceSink(grey, 32, false)) {
			sink.write(ArrayImgs.floats(new float[] { 0.5f, 1, 2, 3 }, 2, 2), null);
			sink.commit();
		}
		assertFails("holds the value 0.5: not a label image", "labels=" + grey);
	}

	private static void assertFails(final String message, final String... keys) {
		final String[] args = new String[keys.length + 1];
		args[0] = "microstructure";
		System.arraycopy(keys, 0, args, 1, keys.length);
		final Printed p = Printed.run(args);
		assertEquals(ExitCode.FAILED, p.code(), p.out() + p.err());
		assertTrue(p.err().contains(message), p.err());
		assertEquals(1, p.err().lines().filter(l -> l.startsWith("error")).count(), p.err());
	}
}
