package org.xrayseg.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import net.imglib2.img.array.ArrayImgs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xrayseg.TestData;
import org.xrayseg.core.io.FileSliceSource;
import org.xrayseg.core.io.TiffSliceSink;
import org.xrayseg.core.progress.ProgressListener;

/**
 * The fingerprint tells one scan from two: images of unlike grey scales in
 * one folder are normalised each by itself and validated on a slab of each
 * kind; images of one scan keep one global normalisation and one slab.
 */
class DataFingerprintTest {

	@TempDir
	Path dir;

	@Test
	void twoGreyScalesInOneFolderAreNormalisedPerImageAndValidatedOnBoth() {
		final SyntheticVolume.Volume v = SyntheticVolume.generate(8, 64, 64, 7);
		// slices 1-6 as float32 around 0.6..1.9, slices 7-8 as 16-bit around 30000..50000
		try (TiffSliceSink images = new TiffSliceSink(dir.resolve("images"), 32, false);
			TiffSliceSink labels = new TiffSliceSink(dir.resolve("labels"), 8, false))
		{
			for (int z = 0; z < 8; z++) {
				final float[] f = new float[64 * 64];
				for (int i = 0; i < f.length; i++)
					f[i] = z < 6 ? (v.images()[z][i] & 0xffff) / 20000f : 20000 + (v.images()[z][i] & 0xffff) * 0.8f;
				images.write(ArrayImgs.floats(f, 64, 64), String.format("s%d.tif", z + 1));
				labels.write(ArrayImgs.unsignedBytes(v.labels()[z], 64, 64), String.format("s%d.tif", z + 1));
			}
			images.commit();
			labels.commit();
		}
		try (FileSliceSource im = FileSliceSource.open(dir.resolve("images"));
			FileSliceSource lb = FileSliceSource.open(dir.resolve("labels")))
		{
			final TrainingData data = TrainingData.prepare(im, lb, null, null, TrainingData.Settings.of(0.25), ProgressListener.NONE);
			assertEquals(Normalization.Mode.PER_IMAGE, data.normalization().mode());
			assertEquals(List.of(List.of(0, 1, 2, 3, 4, 5), List.of(6, 7)), data.fingerprint().groups());
			assertEquals("images/s5.tif .. images/s8.tif (3 slices)", data.validation().describe(),
				"a slab of each kind: s5-s6 of the float images, s8 of the 16-bit ones");
			for (final LabelledSlices.Slice s : data.training().slices()) {
				final float[] p = s.pixels().clone();
				java.util.Arrays.sort(p);
				assertTrue(p[p.length / 2] > 0.2 && p[p.length / 2] < 0.8, s.name() + " is normalised by itself");
			}
			assertEquals(Normalization.Mode.GLOBAL, TrainingData.prepare(im, lb, null, null, new TrainingData.Settings(0.25, "global", 0, LabelCoding.NO_UNLABELLED, null, null, null), ProgressListener.NONE).normalization().mode(), "as asked");
		}
	}

	@Test
	void slicesOfOneScanKeepOneGlobalNormalisation() {
		final Path data = TestData.volume();
		try (FileSliceSource im = FileSliceSource.open(data.resolve("train/images"));
			FileSliceSource lb = FileSliceSource.open(data.resolve("train/labels")))
		{
			final TrainingData d = TrainingData.prepare(im, lb, null, null, TrainingData.Settings.of(0.2), ProgressListener.NONE);
			assertEquals(Normalization.Mode.GLOBAL, d.normalization().mode());
			assertEquals(1, d.fingerprint().groups().size());
			assertEquals(6, d.fingerprint().sources().size(), "one source per file");
			assertEquals(3, d.fingerprint().classFrequencies().length);
			assertEquals(1, java.util.Arrays.stream(d.fingerprint().classFrequencies()).sum(), 1e-9);
		}
	}
}
