package org.xrayseg.core.annotate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.xrayseg.core.infer.VolumeSegmenter;

/** The choice of regions to annotate: the least sure first, but spread over slices and phase pairs. */
class AnnotationSuggesterTest {

	@Test
	void regionsNeverOverlapAndSpreadOverSlicesAndPhases() {
		final List<Suggestion> candidates = new ArrayList<>();
		// slice 5 is the least sure everywhere, along one boundary; slice 40 a little less, another boundary
		for (int x = 0; x < 256; x += 32)
			candidates.add(new Suggestion(5, "s5", x, 0, 64, 64, 0.50 - x / 10000.0, "pore / nickel"));
		candidates.add(new Suggestion(40, "s40", 0, 0, 64, 64, 0.30, "nickel / YSZ"));
		candidates.add(new Suggestion(6, "s6", 0, 0, 64, 64, 0.45, "pore / nickel"));
		final List<Suggestion> chosen = AnnotationSuggester.choose(candidates, 3, 2);
		assertEquals(3, chosen.size());
		assertEquals(5, chosen.get(0).slice(), "the least sure region first");
		assertEquals(40, chosen.get(1).slice(), "then another slice and boundary, not a neighbour of the first");
		for (int i = 0; i < chosen.size(); i++)
			for (int j = i + 1; j < chosen.size(); j++)
				assertFalse(chosen.get(i).overlaps(chosen.get(j)), chosen.get(i) + " and " + chosen.get(j));
	}

	@Test
	void uncertaintyInsideAPhaseCountsMoreThanAlongBoundaries() {
		// left half: stripes of two phases, 8 pixels wide, unsure by 0.4 next to each boundary (a quarter of its
		// pixels) and sure inside; right half: one phase, unsure by 0.05 everywhere. Counted alike, the left
		// half's mean uncertainty (0.10) would beat the right's (0.05).
		final int w = 128;
		final int h = 64;
		final byte[] classes = new byte[w * h];
		final float[] probabilities = new float[2 * w * h];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				final int i = y * w + x;
				classes[i] = (byte) (x < 64 ? (x / 8) % 2 : 0);
				final boolean edge = x < 64 && (x % 8 == 0 || x % 8 == 7);
				final float u = x >= 64 ? 0.05f : edge ? 0.4f : 0.001f;
				probabilities[classes[i] * w * h + i] = 1 - u;
				probabilities[(1 - classes[i]) * w * h + i] = u;
			}
		final VolumeSegmenter.Prediction p = new VolumeSegmenter.Prediction(classes, probabilities, new float[w * h], w,
			h, () -> null);
		final List<Suggestion> windows = AnnotationSuggester.windows(p, 2, 64, 0, "s0", 1, c -> "code " + c);
		assertEquals(64, windows.get(0).x(), "the phase the model is unsure of throughout: " + windows);
		assertEquals(0.05 * 63 / 64 + 0.05 * AnnotationSuggester.BOUNDARY_WEIGHT / 64, windows.get(0).uncertainty(),
			1e-6, "one column of the window borders the stripes");
	}

	@Test
	void aLongVolumeIsSampledEvenly() {
		assertArrayEquals(new int[] { 0, 1, 2 }, AnnotationSuggester.considered(3));
		final int[] many = AnnotationSuggester.considered(2000);
		assertEquals(AnnotationSuggester.MAX_SLICES, many.length);
		assertEquals(15, many[0]);
		assertEquals(1984, many[many.length - 1]);
	}
}
