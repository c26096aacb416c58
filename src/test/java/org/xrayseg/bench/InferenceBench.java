package org.xrayseg.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import org.xrayseg.core.infer.TiledPredictor;
import org.xrayseg.core.infer.VolumeSegmenter;
import org.xrayseg.core.io.ImgSliceSource;
import org.xrayseg.core.model.DjlRuntime;
import org.xrayseg.core.model.NetworkSpec;
import org.xrayseg.core.model.SegmentationModel;
import org.xrayseg.core.progress.ProgressListener;

/**
 * "Segment" on a 2048 x 2048 slice (normalising, tiling, blending, labelling)
 * against raw DJL forward passes of the same network over the same tiles,
 * in one run; and pixels per second. Goal: at most 10% overhead.
 */
public final class InferenceBench {

	private static final int SIDE = 2048;

	public static void main(final String[] args) {
		DjlRuntime.inferenceOnThisThread();
		final ImgSliceSource slice = new ImgSliceSource(BenchModels.slice(SIDE, 3), "slice");
		System.out.printf(Locale.ROOT, "inference on a %dx%d slice, tile %d, overlap %d, %d tiles per batch (best of 4, interleaved)%n",
			SIDE, SIDE, TiledPredictor.TILE_SIZE, TiledPredictor.OVERLAP, TiledPredictor.TILE_BATCH);
		for (final NetworkSpec spec : new NetworkSpec[] { BenchModels.UNET, BenchModels.PIX2PIX }) {
			try (SegmentationModel model = BenchModels.model(spec)) {
				final VolumeSegmenter segmenter = new VolumeSegmenter(model, TiledPredictor.TILE_SIZE, TiledPredictor.OVERLAP, TiledPredictor.TILE_BATCH);
				// interleaved, so that the machine's drift hits both alike; best of each
				double segment = Double.MAX_VALUE;
				double raw = Double.MAX_VALUE;
				for (int round = 0; round < 4; round++) {
					segment = Math.min(segment, Timing.best(round == 0 ? 1 : 0, 1, () -> segmenter.run(slice,
						ProgressListener.NONE, (i, l) -> {})));
					raw = Math.min(raw, rawForward(model, round == 0 ? 1 : 0));
				}
				System.out.printf(Locale.ROOT,
					"  %-40s Segment %.2f s, raw forward %.2f s: overhead %.1f%% (goal <= 10%%); %.2f Mpixel/s%n", spec
						.describe(), segment, raw, 100 * (segment - raw) / raw, SIDE * (double) SIDE / segment / 1e6);
			}
		}
	}

	/** @return seconds of the forward passes alone, over tiles made beforehand */
	private static double rawForward(final SegmentationModel model, final int warmups) {
		final int[] tiling = new TiledPredictor(model, TiledPredictor.TILE_SIZE, TiledPredictor.OVERLAP, TiledPredictor.TILE_BATCH)
			.tiling(SIDE, SIDE);
		try (NDManager manager = model.djlModel().getNDManager().newSubManager()) {
			final List<NDArray> batches = new ArrayList<>();
			for (int done = 0; done < tiling[2]; done += TiledPredictor.TILE_BATCH)
				batches.add(manager.randomNormal(new Shape(Math.min(TiledPredictor.TILE_BATCH, tiling[2] - done), 1, tiling[0],
					tiling[1])));
			return Timing.best(warmups, 1, () -> {
				for (final NDArray x : batches)
					try (NDManager scope = manager.newSubManager()) {
						x.tempAttach(scope); // the activations of this pass go with the scope
						model.logits(x);
					}
			});
		}
	}
}
