package org.xrayseg.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import net.imglib2.img.array.ArrayImgs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xrayseg.core.error.InvalidInputException;
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
			for (final double p : new double[] { 0, 0.5, 50, 99.5, 100 }) {
				final double pos = p / 100 * (n - 1);
				final int i = (int) Math.floor(pos);
				final double expected = sorted[i] + (pos - i) * (sorted[Math.min(i + 1, n - 1)] - sorted[i]);
				assertEquals(expected, Normalization.percentile(v.clone(), p), 0, n + " values, percentile " + p);
			}
		}
	}

	@Test
	void anImageOfMostlyOneValueIsMappedByItsWholeRange() {
		// 99.7% of the pixels are 255: both robust percentiles are 255, the image is not constant
		final float[] v = new float[1000];
		Arrays.fill(v, 255);
		v[10] = 0;
		v[500] = 100;
		v[900] = 3;
		assertArrayEquals(new double[] { 0, 255 }, Normalization.range(v.clone(), "a"));
		v[10] = 300;
		assertArrayEquals(new double[] { 255, 300 }, Normalization.range(v.clone(), "a"), "brighter outliers: from " +
			"the percentiles to the largest value, as before");
	}

	@Test
	void onlyAConstantImageIsCalledConstant() {
		final float[] v = new float[100];
		Arrays.fill(v, 255);
		final InvalidInputException e = assertThrows(InvalidInputException.class, () -> Normalization.range(v, "a"));
		assertEquals("The images in a are constant (every pixel is 255.0): there is nothing to learn from", e
			.getMessage());
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
