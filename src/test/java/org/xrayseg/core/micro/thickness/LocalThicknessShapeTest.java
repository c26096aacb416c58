package org.xrayseg.core.micro.thickness;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.xrayseg.core.micro.volume.LabelVolume;
import org.xrayseg.core.progress.ProgressListener;

/**
 * Local thickness of shapes whose answer is known, in one block (exact, no
 * cap). A ball of radius R (lattice points within R of its centre) lies
 * inside the ball of its centre, whose nearest outside voxel is at sqrt(R² + 1):
 * every voxel gets 2 sqrt(R² + 1).
 */
class LocalThicknessShapeTest {

	private static final int PHASE = 255;

	static ThicknessDistribution measure(final LabelVolume v, final double hx, final double hy, final double hz) {
		return LocalThickness.measure(v, PHASE, hx, hy, hz, ThicknessSettings.defaults(), ProgressListener.NONE);
	}

	@Test
	void everyVoxelOfABallHasItsDiameter() {
		final ThicknessDistribution d = measure(new Shapes(32, 32, 32).ball(16, 16, 16, 10, PHASE).volume(), 1, 1, 1);
		final long voxels = Shapes.ballVoxels(10);
		assertEquals(voxels, d.voxels());
		assertEquals(Double.POSITIVE_INFINITY, d.cap());
		assertEquals(0, d.cappedVoxels());
		assertEquals(21, d.counts().length);
		assertEquals(voxels, d.counts()[20], "all in the bin [20, 21)");
		final double diameter = (float) (2 * Math.sqrt(101));
		assertEquals(diameter, d.mean(), 1e-9);
		assertEquals(diameter, d.median(), 0);
		assertEquals(diameter, d.max(), 0);
	}

	@Test
	void threeBallsGiveThreePeaksWithTheirVoxelCounts() {
		final ThicknessDistribution d = measure(new Shapes(64, 32, 32).ball(12, 16, 16, 9, PHASE).ball(34, 16, 16,
			6, PHASE).ball(52, 16, 16, 3, PHASE).volume(), 1, 1, 1);
		final long[] expected = new long[19];
		expected[6] = Shapes.ballVoxels(3); // 2 sqrt(10) = 6.32
		expected[12] = Shapes.ballVoxels(6); // 2 sqrt(37) = 12.17
		expected[18] = Shapes.ballVoxels(9); // 2 sqrt(82) = 18.11
		assertArrayEquals(expected, d.counts());
		assertEquals(expected[6] + expected[12] + expected[18], d.voxels());
		assertEquals(18, d.modeBin());
		assertEquals((float) (2 * Math.sqrt(82)), d.median(), 0, "the largest ball holds most voxels");
	}

	@Test
	void aPlateOfEvenSlicesHasItsThicknessEverywhere() {
		final ThicknessDistribution d = measure(new Shapes(24, 24, 24).plateZ(10, 14, PHASE).volume(), 1, 1, 1);
		assertEquals(24 * 24 * 4, d.voxels());
		assertEquals(24 * 24 * 4, d.counts()[4]);
		assertEquals(5, d.counts().length);
		assertEquals(4.0, d.mean(), 0);
		assertEquals(4.0, d.median(), 0);
	}

	@Test
	void aPlateOfOddSlicesGetsOneMoreBecauseCentresLieOnVoxels() {
		final ThicknessDistribution d = measure(new Shapes(24, 24, 24).plateZ(10, 15, PHASE).volume(), 1, 1, 1);
		assertEquals(24 * 24 * 5, d.counts()[6]);
		assertEquals(6.0, d.mean(), 0);
	}

	@Test
	void aRodHasItsDiameter() {
		final ThicknessDistribution d = measure(new Shapes(24, 24, 16).rodZ(12, 12, 5, PHASE).volume(), 1, 1, 1);
		assertEquals(81 * 16, d.voxels(), "81 lattice points within 5 of a point in a plane");
		assertEquals(d.voxels(), d.counts()[10]);
		assertEquals((float) (2 * Math.sqrt(26)), d.mean(), 1e-9);
	}

	@Test
	void slicesTwiceAsThickGiveAPlateTwiceAsThick() {
		final LabelVolume plate = new Shapes(24, 24, 24).plateZ(10, 14, PHASE).volume();
		assertEquals(4.0, measure(plate, 1, 1, 1).mean(), 0);
		final ThicknessDistribution thick = measure(plate, 1, 1, 2);
		assertEquals(8.0, thick.mean(), 0);
		assertEquals(8.0, thick.median(), 0);
		assertEquals(1.0, thick.binWidth(), 0);
		assertEquals(24 * 24 * 4, thick.counts()[8]);
		final ThicknessDistribution inMicrons = measure(plate, 0.5, 0.5, 1);
		assertEquals(4.0, inMicrons.mean(), 0);
		assertEquals(24 * 24 * 4, inMicrons.counts()[8], "bins of 0.5: [4, 4.5) is bin 8");
	}

	@Test
	void anAbsentPhaseGivesAnEmptyDistribution() {
		final ThicknessDistribution d = LocalThickness.measure(new Shapes(16, 16, 8).ball(8, 8, 4, 3, PHASE)
			.volume(), 7, 1, 1, 1, ThicknessSettings.defaults(), ProgressListener.NONE);
		assertEquals(0, d.voxels());
		assertEquals(0, d.counts().length);
		assertEquals(0, d.cappedShare(), 0);
		assertEquals(Double.NaN, d.mean());
		assertEquals(Double.NaN, d.median());
		assertEquals(-1, d.modeBin());
	}

	@Test
	void aPhaseFillingAWholeBlockHasNoBoundaryAndIsCapped() {
		final ThicknessDistribution d = measure(new Shapes(8, 8, 4).plateZ(0, 4, PHASE).volume(), 1, 1, 1);
		assertEquals(256, d.voxels());
		assertEquals(256, d.cappedVoxels());
		assertEquals(1.0, d.cappedShare(), 0);
		assertEquals(Double.POSITIVE_INFINITY, d.mean());
	}
}
