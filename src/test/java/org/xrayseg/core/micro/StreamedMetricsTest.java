package org.xrayseg.core.micro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.xrayseg.core.io.VoxelSize;
import org.xrayseg.core.micro.volume.ArrayLabelVolume;
import org.xrayseg.core.progress.ProgressListener;

/** Volume fractions, surfaces and connectivity of volumes whose answers are known exactly. */
class StreamedMetricsTest {

	static Measurements measure(final ArrayLabelVolume v, final int connectivity, final VoxelSize size) {
		final VolumeScan scan = VolumeScan.run(v, connectivity, z -> "slice " + (z + 1), ProgressListener.NONE);
		final int[] order = scan.phases.byCode();
		final int[] codes = new int[order.length];
		for (int i = 0; i < codes.length; i++)
			codes[i] = scan.phases.code(order[i]);
		final List<String> names = java.util.Arrays.stream(codes).mapToObj(c -> "code " + c).toList();
		return StreamedMetrics.of(scan, codes, names, size);
	}

	static ArrayLabelVolume volume(final int w, final int h, final int d, final Voxel f) {
		final int[] codes = new int[w * h * d];
		for (int z = 0; z < d; z++)
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++)
					codes[x + w * (y + h * z)] = f.code(x, y, z);
		return new ArrayLabelVolume(w, h, d, codes);
	}

	interface Voxel {

		int code(int x, int y, int z);
	}

	@Test
	void checkerboardHasHalfOfEachPhaseAndEveryVoxelItsOwnCluster() {
		final Measurements m = measure(volume(6, 6, 6, (x, y, z) -> (x + y + z) % 2 * 255), 6, VoxelSize.UNKNOWN);
		assertEquals(0.5, m.value("volume_fraction", 0));
		assertEquals(0.5, m.value("volume_fraction", 255));
		assertEquals(108, m.value("clusters", 0));
		// 26-connected, each phase is one cluster that spans the volume
		final Measurements full = measure(volume(6, 6, 6, (x, y, z) -> (x + y + z) % 2 * 255), 26, VoxelSize.UNKNOWN);
		assertEquals(1, full.value("clusters", 255));
		assertEquals(1.0, full.value("percolating_fraction_z", 255));
	}

	@Test
	void faceCountOfACubeIsItsSixFaces() {
		final Measurements m = measure(volume(10, 10, 10, (x, y, z) -> x >= 2 && x < 6 && y >= 3 && y < 7 && z >= 1 &&
			z < 5 ? 1 : 0), 6, new VoxelSize(0.5, 0.5, 2, "µm"));
		// faces perpendicular to x and y: 4 x 4 voxels of 0.5 x 2 each; to z: 0.5 x 0.5
		final double area = 2 * 16 * 1.0 + 2 * 16 * 1.0 + 2 * 16 * 0.25;
		final double volume = 1000 * 0.5 * 0.5 * 2;
		assertEquals(area / volume, m.value("specific_surface_area_face_count", 1), 1e-12);
		assertEquals(area / volume, m.value("specific_surface_area_face_count", 0), 1e-12);
		assertEquals("µm", m.unit());
		assertEquals(1.0, m.value("isolated_fraction_x", 1));
		assertEquals(1.0, m.value("percolating_fraction_x", 0));
	}

	@Test
	void croftonEstimateOfABallIsNearItsTrueAreaWhereFacesOverestimate() {
		final double r = 20;
		final Measurements m = measure(volume(50, 50, 50, (x, y, z) -> sq(x - 24.5) + sq(y - 24.5) + sq(z - 24.5) <= r * r
			? 1 : 0), 6, VoxelSize.UNKNOWN);
		final double trueArea = 4 * Math.PI * r * r / (50.0 * 50 * 50);
		final double crofton = m.value("specific_surface_area", 1) / trueArea;
		final double faces = m.value("specific_surface_area_face_count", 1) / trueArea;
		assertEquals(1.0, crofton, 0.01, "Crofton / true area");
		assertEquals(1.5, faces, 0.05, "faces / true area");
	}

	@Test
	void anisotropicVoxelsGiveTheSameBallArea() {
		// a ball of radius 20 sampled with slices twice as far apart
		final double r = 20;
		final Measurements m = measure(volume(50, 50, 26, (x, y, z) -> sq(x - 24.5) + sq(y - 24.5) + sq(2 * z - 25) <= r *
			r ? 1 : 0), 6, new VoxelSize(1, 1, 2, "nm"));
		final double trueArea = 4 * Math.PI * r * r / (50.0 * 50 * 52);
		assertEquals(1.0, m.value("specific_surface_area", 1) / trueArea, 0.04);
	}

	@Test
	void deadEndsAndPercolatingClustersPerDirection() {
		// phase 1: a rod through x (percolating in x), a rod from y = 0 to the middle (dead end in y), a dot (isolated)
		final Measurements m = measure(volume(8, 8, 8, (x, y, z) -> y == 1 && z == 1 || x == 5 && z == 5 && y < 4 ||
			x == 5 && y == 6 && z == 3 ? 1 : 0), 6, VoxelSize.UNKNOWN);
		assertEquals(3, m.value("clusters", 1));
		assertEquals(8 / 13.0, m.value("percolating_fraction_x", 1), 1e-12);
		assertEquals(5 / 13.0, m.value("isolated_fraction_x", 1), 1e-12);
		assertEquals(4 / 13.0, m.value("dead_end_fraction_y", 1), 1e-12);
		assertEquals(9 / 13.0, m.value("isolated_fraction_y", 1), 1e-12);
		assertEquals(1.0, m.value("isolated_fraction_z", 1), 1e-12);
	}

	@Test
	void tripleEdgesOfTwoByTwoByTwoVoxels() {
		// slice 0 all phase 0; slice 1: phase 1 at x = 0, phase 2 at x = 1: two edges along y meet all three
		final Measurements m = measure(volume(2, 2, 2, (x, y, z) -> z == 0 ? 0 : x + 1), 6, new VoxelSize(1, 3, 2,
			"µm"));
		final double density = 2 * 3 / (8 * 6.0);
		for (final int code : new int[] { 0, 1, 2 }) {
			assertEquals(density, m.value("tpb_density", code), 1e-12);
			assertEquals(density, m.value("active_tpb_density", code), 1e-12);
		}
	}

	@Test
	void activeTriplePhaseBoundaryNeedsAllThreePhasesToPercolate() {
		// rods of phases 1 and 2 side by side along z in phase 0: 2 edges per slice, along z
		final Measurements rods = measure(volume(4, 3, 4, (x, y, z) -> y == 1 && (x == 1 || x == 2) ? x : 0), 6,
			VoxelSize.UNKNOWN);
		assertEquals(8 / 48.0, rods.value("tpb_density", 1), 1e-12);
		assertEquals(8 / 48.0, rods.value("active_tpb_density", 2), 1e-12);
		// the same rods cut short of the last slice: they no longer percolate
		final Measurements cut = measure(volume(4, 3, 4, (x, y, z) -> z < 3 && y == 1 && (x == 1 || x == 2) ? x : 0), 6,
			VoxelSize.UNKNOWN);
		assertTrue(cut.value("tpb_density", 0) > 0);
		assertEquals(0.0, cut.value("active_tpb_density", 0));
	}

	@Test
	void twoPhasesHaveNoTriplePhaseBoundary() {
		final Measurements m = measure(volume(4, 4, 4, (x, y, z) -> x < 2 ? 0 : 1), 6, VoxelSize.UNKNOWN);
		assertTrue(Double.isNaN(m.value("tpb_density", 0)));
	}

	private static double sq(final double v) {
		return v * v;
	}
}
