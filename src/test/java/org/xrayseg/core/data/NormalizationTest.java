package org.xrayseg.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import net.imglib2.img.array.ArrayImgs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xrayseg.core.io.FileSliceSource;
import org.xrayseg.core.io.TiffSliceSink;
import org.xrayseg.core.progress.ProgressListener;

class NormalizationTest {

	@Test
	void selectionGivesTheSortedPercentiles() {
		final Random r = new Random(3);
		for (final int n : new int[] { 1, 2, 7, 1000, 100_001 }) {
			final float[] v = new float[n];
			for (int i = 0; i < n; i++)
				v[i] = i % 3 == 0 ? r.nextInt(5) : (float) r.nextGaussian(); // many equal values too
			final float[] sorted = v.clone();
			Arrays.sort(sorted);
			for (final double p : new double[] { 0, 0.5, 50, 99.5, 100 })
				assertEquals(Normalization.percentile(sorted, p), Normalization.selectPercentile(v.clone(), p), 0, n +
					" values, percentile " + p);
			if (n > 1) assertArrayEquals(Normalization.range(sorted.clone(), "v"), Normalization.robustRange(v.clone(), "v"));
		}
	}

	@Test
	void perImageMappingKeepsThePixelsInPlace(@TempDir final Path dir) {
		final float[] pixels = new float[32 * 16];
		for (int i = 0; i < pixels.length; i++)
			pixels[i] = (i * 37) % 101;
		try (TiffSliceSink sink = new TiffSliceSink(dir.resolve("images"), 32, false)) {
			sink.write(ArrayImgs.floats(pixels.clone(), 32, 16), "a.tif");
			sink.commit();
		}
		try (FileSliceSource source = FileSliceSource.open(dir.resolve("images"))) {
			final float[] mapped = new Normalization(Normalization.Mode.PER_IMAGE, 0, 1).forSource(source,
				ProgressListener.NONE).apply(0);
			final double[] range = Normalization.range(pixels.clone(), "a");
			for (int i = 0; i < pixels.length; i++)
				assertEquals((pixels[i] - range[0]) / (range[1] - range[0]), mapped[i], 1e-6, "pixel " + i);
		}
	}
}
