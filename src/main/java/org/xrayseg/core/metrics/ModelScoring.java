package org.xrayseg.core.metrics;

import org.xrayseg.core.data.LabelCoding;
import org.xrayseg.core.data.SlicePairs;
import org.xrayseg.core.infer.Segmenter;
import org.xrayseg.core.io.SliceSource;
import org.xrayseg.core.model.SegmentationModel;
import org.xrayseg.core.progress.ProgressListener;
import org.xrayseg.core.train.Defaults;

/** Segments labelled slices with a model, as "Segment" would, and scores every slice. */
public final class ModelScoring {

	private ModelScoring() {}

	/**
	 * @param also receives every predicted slice too (e.g. to save it), or null
	 * @return the scores of the predictions against {@code labels}
	 */
	public static Evaluation evaluate(final SegmentationModel model, final SliceSource images,
		final SliceSource labels, final ProgressListener progress, final Segmenter.SliceConsumer also)
	{
		SlicePairs.check(images, labels);
		final LabelCoding coding = model.metadata().coding();
		final Evaluation e = new Evaluation(coding);
		new Segmenter(model, Defaults.TILE_SIZE, Defaults.OVERLAP, Defaults.TILE_BATCH).run(images, progress, (i,
			predicted) -> {
			e.add(images.describe(i), ConfusionMatrix.of(coding.toClasses(labels.slice(i), labels.describe(i)), coding
				.toClasses(predicted, images.describe(i)), coding.classes()));
			if (also != null) also.accept(i, predicted);
		});
		return e;
	}
}
