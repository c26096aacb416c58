package org.xrayseg.spark;

import java.io.PrintStream;
import java.util.List;

import org.xrayseg.core.infer.InferenceTuner;
import org.xrayseg.core.model.ModelFile;
import org.xrayseg.core.model.SegmentationModel;
import org.xrayseg.core.runtime.DjlRuntime;

/**
 * The tile size, tiles per batch and precision of a job, chosen once on the
 * driver as "segment" chooses them ({@link InferenceTuner#choose}),
 * so that every executor segments alike and the labels equal those of "segment".
 */
final class InferenceChoice {

	private InferenceChoice() {}

	/** @return {@code s} with the tile, batch and precision of inference; says which */
	static JobSettings resolve(final JobSettings s, final List<SliceTask> tasks, final PrintStream log) {
		if (tasks.isEmpty()) return s;
		try (SegmentationModel m = ModelFile.load(s.model().toPath(), DjlRuntime.device(s.device()))) {
			final InferenceTuner.Choice c = InferenceTuner.choose(m, s.tileSize(), s.precision());
			log.println("xrayseg: inference: " + c.describe());
			return s.with(c.tileSize(), c.batchSize(), c.precision());
		}
	}
}
