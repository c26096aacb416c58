package org.xrayseg.core.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.xrayseg.TestData;
import org.xrayseg.core.data.SyntheticVolume;
import org.xrayseg.core.model.ModelFile;
import org.xrayseg.core.model.SegmentationModel;
import org.xrayseg.core.progress.ProgressListener;

@Tag("trains")
class PrecisionTest {

	@Test
	void bfloat16LabelsAreFloat32LabelsButForAFewPixels() {
		final int w = 200;
		final int h = 150;
		final SyntheticVolume.Volume v = SyntheticVolume.generate(1, w, h, 9);
		final float[] pixels = new float[w * h];
		for (int i = 0; i < pixels.length; i++)
			pixels[i] = v.images()[0][i] & 0xffff;
		try (SegmentationModel m = ModelFile.load(TestData.model(), Device.cpu())) {
			m.metadata().normalization().applyInPlace(pixels);
			final byte[] f32 = new TiledPredictor(m, 128, 32, 2, false, Precision.FLOAT32).classes(pixels, w, h,
				ProgressListener.NONE);
			final byte[] bf16 = new TiledPredictor(m, 128, 32, 2, false, Precision.BFLOAT16).classes(pixels, w, h,
				ProgressListener.NONE);
			int differ = 0;
			for (int i = 0; i < f32.length; i++)
				if (f32[i] != bf16[i]) differ++;
			// only where two phases are almost equally likely: phase borders
			assertTrue(differ <= f32.length / 200, differ + " of " + f32.length + " pixels differ");
			System.out.println("bfloat16: " + differ + " of " + f32.length + " labels differ from float32");
			// the labels read from the bfloat16 logits themselves are the most probable classes of the same network
			// (tiles of 64, 3 per batch with a smaller last one)
			final TiledPredictor small = new TiledPredictor(m, 64, 32, 3, false, Precision.BFLOAT16);
			final byte[] labels = small.classes(pixels, w, h, ProgressListener.NONE);
			final float[] p = small.probabilities(pixels, w, h, ProgressListener.NONE);
			final byte[] largest = TiledPredictor.argmax(p, m.metadata().network().classes());
			int ties = 0;
			for (int i = 0; i < labels.length; i++)
				if (labels[i] != largest[i]) {
					assertEquals(p[labels[i] * w * h + i], p[largest[i] * w * h + i], 1e-6f, "pixel " + i);
					ties++;
				}
			assertTrue(ties <= labels.length / 1000, ties + " ties");
			assertTrue(small.networkSeconds() > 0, "the network's time is counted");
		}
	}
}
