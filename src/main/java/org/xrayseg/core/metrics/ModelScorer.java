package org.xrayseg.core.metrics;

import org.xrayseg.core.data.LabelCoding;
import org.xrayseg.core.data.LabelledSlices;
import org.xrayseg.core.data.SlicePairs;
import org.xrayseg.core.infer.Precision;
import org.xrayseg.core.infer.TiledPredictor;
import org.xrayseg.core.infer.VolumeSegmenter;
import org.xrayseg.core.io.SliceSource;
import org.xrayseg.core.model.InferenceNetwork;
import org.xrayseg.core.model.SegmentationModel;
import org.xrayseg.core.progress.ProgressListener;

/** Scores a model on labelled slices, which it segments exactly as "Segment" would. */
public final class ModelScorer {

	private ModelScorer() {}

	/**
	 * Scores slices read from disk (or an open image), with the tiling of "Segment".
	 *
	 * @param also receives every predicted slice too (e.g. to save it), or null
	 * @return the scores of the predictions against {@code labels}
	 */
	public static SegmentationScores onSlices(final SegmentationModel model, final SliceSource images,
		final SliceSource labels, final ProgressListener progress, final VolumeSegmenter.SliceConsumer also)
	{
		SlicePairs.check(images, labels);
		final LabelCoding coding = model.metadata().coding();
		final SegmentationScores scores = new SegmentationScores(coding);
		new VolumeSegmenter(model, TiledPredictor.TILE_SIZE, TiledPredictor.OVERLAP, TiledPredictor.TILE_BATCH, false,
			Precision.FLOAT32).run(
			images, progress, (i, predicted) -> {
				scores.add(images.describe(i), ConfusionMatrix.of(coding.toClasses(labels.slice(i), labels.describe(i)),
					coding.toClasses(predicted, images.describe(i)), coding.classes()));
				if (also != null) also.accept(i, predicted);
			});
		return scores;
	}

	/**
	 * Scores slices held in memory, normalised and encoded (the validation
	 * slices of a training run).
	 *
	 * @param tileSize tile side (0: whole slices)
	 */
	public static SegmentationScores onLabelledSlices(final SegmentationModel model, final LabelledSlices slices,
		final int tileSize, final ProgressListener progress)
	{
		return onLabelledSlices(model, slices, tileSize, Precision.FLOAT32, progress);
	}

	/**
	 * As {@link #onLabelledSlices(SegmentationModel, LabelledSlices, int, ProgressListener)}, in {@code precision}
	 * (float32 or bfloat16: a training's validation in the precision it trains in).
	 */
	public static SegmentationScores onLabelledSlices(final SegmentationModel model, final LabelledSlices slices,
		final int tileSize, final Precision precision, final ProgressListener progress)
	{
		final TiledPredictor predictor = new TiledPredictor(model, tileSize, TiledPredictor.OVERLAP,
			TiledPredictor.TILE_BATCH, false, precision);
		final SegmentationScores scores = new SegmentationScores(model.metadata().coding());
		// one inference network for all slices: making it (folding batch norm) costs tens of milliseconds
		try (InferenceNetwork network = predictor.network()) {
			for (int i = 0; i < slices.size(); i++) {
				final LabelledSlices.Slice s = slices.get(i);
				final float[][] channels = new float[s.channels()][];
				for (int c = 0; c < channels.length; c++)
					channels[c] = s.channel(c);
				final byte[] predicted = predictor.classes(network, channels, s.width(), s.height(), progress);
				scores.add(s.name(), ConfusionMatrix.of(s.classes(), predicted, scores.coding().classes()));
			}
		}
		return scores;
	}
}
