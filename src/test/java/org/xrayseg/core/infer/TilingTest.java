package org.xrayseg.core.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import ai.djl.Device;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xrayseg.TestData;
import org.xrayseg.core.data.SyntheticVolume;
import org.xrayseg.core.model.ModelFile;
import org.xrayseg.core.model.SegmentationModel;
import org.xrayseg.core.progress.ProgressListener;

@Tag("trains")
class TilingTest {

	@Test
	void labelsHardlyDependOnTheTileSize() {
		final int w = 200;
		final int h = 150;
		final SyntheticVolume.Volume v = SyntheticVolume.generate(1, w, h, 5);
		final float[] pixels = new float[w * h];
		for (int i = 0; i < pixels.length; i++)
			pixels[i] = v.images()[0][i] & 0xffff;
		try (SegmentationModel m = ModelFile.load(TestData.model(), Device.cpu())) {
			m.metadata().normalization().applyInPlace(pixels);
			final byte[] whole = new TiledPredictor(m, 0, 32, 1).classes(pixels, w, h, ProgressListener.NONE);
			for (final int tile : new int[] { 64, 128 }) {
				final byte[] tiled = new TiledPredictor(m, tile, 32, 3).classes(pixels, w, h, ProgressListener.NONE);
				int differ = 0;
				for (int i = 0; i < whole.length; i++)
					if (whole[i] != tiled[i]) differ++;
				assertTrue(differ <= whole.length / 500, "tile " + tile + ": " + differ + " of " + whole.length +
					" pixels differ from the whole-image result");
			}
		}
	}

	@Test
	void theMeasuredChoiceGivesTheLabelsOfAFixedTiling(@TempDir final Path dir) {
		final int w = 200;
		final int h = 150;
		final float[] pixels = slice(w, h);
		try (SegmentationModel m = ModelFile.load(TestData.model(), Device.cpu())) {
			m.metadata().normalization().applyInPlace(pixels);
			// a cache that makes tiles of 128, 4 per batch, the fastest
			final Path file = dir.resolve("tuning.json");
			final TuningCache cache = TuningCache.load(file);
			cache.put(InferenceTuner.key(m), "128x4 float32", 0.1);
			cache.put(InferenceTuner.key(m), "128x1 float32", 1.0);
			cache.save();
			final InferenceTuner.Choice c = new InferenceTuner(file).fastest(m, w, h, 32, 128, Precision.FLOAT32,
				ProgressListener.NONE);
			assertEquals(128, c.tileSize());
			assertEquals(4, c.batchSize());
			final byte[] chosen = new TiledPredictor(m, c.tileSize(), 32, c.batchSize(), false, c.precision()).classes(
				pixels, w, h, ProgressListener.NONE);
			final byte[] fixed = new TiledPredictor(m, 64, 32, 1).classes(pixels, w, h, ProgressListener.NONE);
			int differ = 0;
			for (int i = 0; i < fixed.length; i++)
				if (fixed[i] != chosen[i]) differ++;
			assertTrue(differ <= fixed.length / 500, differ + " of " + fixed.length + " pixels differ");
		}
	}

	private static float[] slice(final int w, final int h) {
		final SyntheticVolume.Volume v = SyntheticVolume.generate(1, w, h, 5);
		final float[] pixels = new float[w * h];
		for (int i = 0; i < pixels.length; i++)
			pixels[i] = v.images()[0][i] & 0xffff;
		return pixels;
	}

	@Test
	void tilesCoverTheImageWithEqualSizedTiles() {
		for (final int size : new int[] { 1, 15, 16, 100, 501, 2048 }) {
			for (final int maxTile : new int[] { 64, 256, 512 }) {
				final TileLayout l = new TileLayout(size, maxTile, 32, 16);
				assertEquals(0, l.tile % 16);
				assertTrue(l.tile <= Math.max(maxTile, 16) || l.starts.length == 1);
				assertEquals(0, l.starts[0]);
				assertEquals(l.paddedSize - l.tile, l.starts[l.starts.length - 1]);
				for (int k = 1; k < l.starts.length; k++) {
					assertTrue(l.starts[k] - l.starts[k - 1] <= l.tile - 32, "overlap at " + size + "/" + maxTile);
					assertEquals(0, l.starts[k] % 16, "pooling grid");
				}
				assertTrue(l.paddedSize >= size + 32);
			}
		}
		assertEquals(1, new TileLayout(501, 1024, 32, 16).starts.length);
		assertEquals(288, new TileLayout(501, 512, 32, 16).tile);
	}

	@Test
	void everyPixelBelongsToOneTileWhereItHasContext() {
		for (final int size : new int[] { 1, 15, 100, 501, 2048 }) {
			for (final int maxTile : new int[] { 64, 256, 512 }) {
				final TileLayout l = new TileLayout(size, maxTile, 32, 16);
				assertEquals(0, l.ownedFrom(0));
				assertEquals(size, l.ownedTo(l.starts.length - 1));
				for (int k = 0; k < l.starts.length; k++) {
					assertTrue(l.ownedFrom(k) < l.ownedTo(k), "tile " + k + " owns nothing at " + size + "/" + maxTile);
					if (k > 0) assertEquals(l.ownedTo(k - 1), l.ownedFrom(k));
					// tile coordinates of the first and last pixel owned: at least half the overlap from the border
					final int first = l.ownedFrom(k) + l.margin - l.starts[k];
					final int last = l.ownedTo(k) - 1 + l.margin - l.starts[k];
					assertTrue(first >= l.margin && l.tile - 1 - last >= l.margin, "context at " + size + "/" + maxTile);
				}
			}
		}
	}

	@Test
	void labelsAreTheMostProbableClasses() {
		final int w = 200;
		final int h = 150;
		final float[] pixels = slice(w, h);
		try (SegmentationModel m = ModelFile.load(TestData.model(), Device.cpu())) {
			m.metadata().normalization().applyInPlace(pixels);
			final int k = m.metadata().network().classes();
			// tiles of 64, 3 per batch with a smaller last batch
			final TiledPredictor predictor = new TiledPredictor(m, 64, 32, 3);
			final byte[] labels = predictor.classes(pixels, w, h, ProgressListener.NONE);
			final float[] p = predictor.probabilities(pixels, w, h, ProgressListener.NONE);
			final byte[] largest = TiledPredictor.argmax(p, k);
			int differ = 0;
			int near = 0;
			for (int i = 0; i < labels.length; i++) {
				assertEquals(1, sum(p, i, k, w * h), 1e-4, "probabilities of pixel " + i);
				if (labels[i] == largest[i]) continue;
				differ++;
				// only where two classes are equally probable to float precision
				if (Math.abs(p[labels[i] * w * h + i] - p[largest[i] * w * h + i]) < 1e-5f) near++;
			}
			assertEquals(near, differ, differ + " pixels differ, " + (differ - near) + " of them not near a tie");
			final int[] counts = new int[k];
			for (final byte b : labels)
				counts[b]++;
			for (int c = 0; c < k; c++)
				assertTrue(counts[c] > labels.length / 20, "class " + c + ": " + counts[c] + " pixels");
		}
	}

	private static double sum(final float[] p, final int pixel, final int classes, final int n) {
		double s = 0;
		for (int c = 0; c < classes; c++)
			s += p[c * n + pixel];
		return s;
	}

	@Test
	void reflectionMirrorsWithoutRepeatingTheEdge() {
		assertEquals(1, TileLayout.reflect(-1, 5));
		assertEquals(3, TileLayout.reflect(5, 5));
		assertEquals(0, TileLayout.reflect(8, 5));
		assertEquals(0, TileLayout.reflect(-7, 1));
	}
}
