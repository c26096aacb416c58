package org.xrayseg.core.micro.thickness;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.xrayseg.core.error.CancelledException;
import org.xrayseg.core.error.InvalidInputException;
import org.xrayseg.core.micro.volume.ArrayLabelVolume;
import org.xrayseg.core.micro.volume.LabelVolume;
import org.xrayseg.core.progress.ProgressListener;

/** Blocks with halos against one block: exact below the cap, capped above it; memory, cancel, errors. */
class LocalThicknessBlockTest {

	private static final int PHASE = 1;
	private static final ThicknessSettings ONE_BLOCK = new ThicknessSettings(256, 128, 8, 1);
	private static final ThicknessSettings SMALL_BLOCKS = new ThicknessSettings(16, 8, 12, 1);

	private static ThicknessDistribution measure(final LabelVolume v, final int code, final ThicknessSettings s) {
		return LocalThickness.measure(v, code, 1, 1, 1, s, ProgressListener.NONE);
	}

	private static void assertSame(final ThicknessDistribution expected, final ThicknessDistribution actual) {
		assertEquals(expected.voxels(), actual.voxels());
		assertArrayEquals(expected.counts(), actual.counts());
		assertEquals(expected.cappedVoxels(), actual.cappedVoxels());
		assertEquals(expected.mean(), actual.mean(), 0);
		assertEquals(expected.median(), actual.median(), 0);
		assertEquals(expected.max(), actual.max(), 0);
	}

	@Test
	void blocksEqualOneBlockBelowTheCap() {
		final LabelVolume v = new Shapes(60, 52, 40).randomBalls(3, 60, 4, PHASE).plateZ(30, 33, PHASE).volume();
		final ThicknessDistribution whole = measure(v, PHASE, ONE_BLOCK);
		assertEquals(Double.POSITIVE_INFINITY, whole.cap());
		assertTrue(whole.voxels() > 10_000, "" + whole.voxels());
		final ThicknessDistribution blocked = measure(v, PHASE, SMALL_BLOCKS);
		assertEquals(13, blocked.cap(), 0, "(halo + 1) voxels");
		assertTrue(whole.max() < blocked.cap(), "every feature is below the cap: " + whole.max());
		assertEquals(0, blocked.cappedVoxels());
		assertSame(whole, blocked);
		assertSame(whole, measure(v, PHASE, SMALL_BLOCKS.withThreads(2)));
	}

	@Test
	void aSampleOfBlocksMeasuresTheSameStructureAsAllBlocks() {
		// the same plates repeat in every block: a sample of every third block sees the same distribution
		final Shapes shapes = new Shapes(64, 64, 32);
		for (int z = 2; z < 32; z += 8)
			shapes.plateZ(z, z + 3, PHASE);
		final LabelVolume v = shapes.volume();
		final ThicknessDistribution all = measure(v, PHASE, SMALL_BLOCKS);
		final ThicknessDistribution sample = LocalThickness.measure(v, PHASE, 1, 1, 1, SMALL_BLOCKS, 3,
			ProgressListener.NONE);
		assertTrue(sample.voxels() > all.voxels() / 4 && sample.voxels() < all.voxels() / 2, sample.voxels() + " of " +
			all.voxels());
		assertEquals(all.mean(), sample.mean(), 0);
		assertEquals(all.median(), sample.median(), 0);
		assertEquals(1, LocalThickness.sampleEvery(1000, 1000));
		assertEquals(3, LocalThickness.sampleEvery(2001, 1000));
	}

	@Test
	void thickerFeaturesThanTheCapAreCountedAsCapped() {
		final LabelVolume v = new Shapes(48, 48, 32).ball(24, 24, 16, 12, PHASE).randomBalls(5, 20, 2, PHASE)
			.volume();
		final ThicknessDistribution whole = measure(v, PHASE, ONE_BLOCK);
		final ThicknessDistribution blocked = measure(v, PHASE, new ThicknessSettings(16, 8, 5, 2));
		assertEquals(6, blocked.cap(), 0);
		assertEquals(whole.voxels(), blocked.voxels());
		assertTrue(blocked.cappedShare() > 0.5, "most voxels are in the ball of diameter 25: " + blocked
			.cappedShare());
		assertTrue(blocked.mean() <= whole.mean(), "capped voxels count at the cap");
		long below = 0;
		for (int i = 0; i < 6; i++) {
			assertTrue(blocked.counts()[i] >= whole.counts()[i], "the small balls are still measured, bin " + i);
			below += whole.counts()[i];
		}
		assertTrue(below > 0);
	}

	@Test
	void theBackgroundMatrixIsCappedInBlocksAndMeasuredInOne() {
		final LabelVolume v = new Shapes(40, 40, 24).randomBalls(9, 30, 3, PHASE).volume();
		final ThicknessDistribution matrix = measure(v, 0, new ThicknessSettings(16, 8, 4, 1));
		assertTrue(matrix.cappedShare() > 0 && matrix.cappedShare() < 1, "" + matrix.cappedShare());
		assertEquals(0, measure(v, 0, ONE_BLOCK).cappedVoxels());
	}

	@Test
	void everySliceIsReadOnce() {
		final ArrayLabelVolume v = new Shapes(20, 20, 30).randomBalls(4, 20, 3, PHASE).volume();
		final int[] reads = new int[30];
		final LabelVolume counting = new LabelVolume() {

			public int width() { return 20; }

			public int height() { return 20; }

			public int depth() { return 30; }

			public void read(final int z, final int[] codes) {
				reads[z]++;
				v.read(z, codes);
			}
		};
		measure(counting, PHASE, new ThicknessSettings(8, 4, 3, 1));
		for (int z = 0; z < 30; z++)
			assertEquals(1, reads[z], "slice " + z);
	}

	@Test
	void memoryGrowsWithASliceNotWithTheDepth() {
		final ThicknessSettings s = ThicknessSettings.defaults().withThreads(4);
		final long deep = LocalThickness.bytesNeeded(2048, 2048, 6000, s);
		assertEquals(LocalThickness.bytesNeeded(2048, 2048, 600, s), deep);
		assertTrue(deep < 1_000_000_000L, "fits -Xmx2g with room to spare: " + deep);
		// one block, one thread: 4 bytes per voxel twice (distances, thicknesses), 32 slices of bits, one of ints
		assertEquals(8L * 64 * 64 * 32 + 48 * 64 + 65_536 + 32 * (64 * 64 / 8 + 16) + 64 * 64 * 4, LocalThickness
			.bytesNeeded(64, 64, 32, s));
	}

	@Test
	void cancelStopsTheMeasure() {
		final LabelVolume v = new Shapes(40, 40, 24).randomBalls(9, 30, 3, PHASE).volume();
		final AtomicInteger blocks = new AtomicInteger();
		final ProgressListener stopAfterTwo = new ProgressListener() {

			@Override
			public void update(final String status, final long done, final long total) {
				blocks.incrementAndGet();
			}

			@Override
			public boolean isCancelled() {
				return blocks.get() >= 2;
			}
		};
		for (final int threads : new int[] { 1, 2 }) {
			blocks.set(0);
			assertThrows(CancelledException.class, () -> LocalThickness.measure(v, PHASE, 1, 1, 1,
				new ThicknessSettings(16, 8, 4, threads), stopAfterTwo));
			assertTrue(blocks.get() < 27, "stopped early: " + blocks.get() + " of 27 blocks");
		}
	}

	@Test
	void aVoxelSizeThatIsNotPositiveIsAUserError() {
		final LabelVolume v = new Shapes(8, 8, 8).volume();
		final InvalidInputException e = assertThrows(InvalidInputException.class, () -> LocalThickness.measure(v,
			PHASE, 1, 0, 1, ThicknessSettings.defaults(), ProgressListener.NONE));
		assertEquals("the voxel size must be positive in x, y and z, not 1.0 x 0.0 x 1.0", e.getMessage());
		assertThrows(InvalidInputException.class, () -> new ThicknessSettings(256, 128, 0, 1));
	}
}
