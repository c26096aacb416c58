package org.xrayseg.core.train;

import org.xrayseg.core.infer.TiledPredictor;
import org.xrayseg.core.metrics.ConfusionMatrix;
import org.xrayseg.core.metrics.Evaluation;
import org.xrayseg.core.model.SegmentationModel;
import org.xrayseg.core.progress.ProgressListener;

/** Scores a model on held-out labelled slices, predicted exactly as "Segment" would. */
public final class Validation {

	private Validation() {}

	public static Evaluation evaluate(final SegmentationModel model, final TrainingSet slices, final int tileSize,
		final ProgressListener progress)
	{
		final TiledPredictor predictor = new TiledPredictor(model, tileSize, Defaults.OVERLAP, Defaults.TILE_BATCH);
		final Evaluation evaluation = new Evaluation(model.metadata().coding());
		for (int i = 0; i < slices.size(); i++) {
			final TrainingSet.Slice s = slices.get(i);
			final byte[] predicted = predictor.classes(s.pixels(), s.width(), s.height(), progress);
			evaluation.add(s.name(), ConfusionMatrix.of(s.classes(), predicted, evaluation.coding().classes()));
		}
		return evaluation;
	}
}
