package org.xrayseg.spark;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

import org.xrayseg.core.infer.InferenceTuner;
import org.xrayseg.core.infer.SegmentationRun;
import org.xrayseg.core.io.SliceSource;
import org.xrayseg.core.io.SliceSources;
import org.xrayseg.core.model.ModelFile;
import org.xrayseg.core.model.SegmentationModel;
import org.xrayseg.core.progress.ProgressListener;
import org.xrayseg.core.runtime.DjlRuntime;

/**
 * The tile size, tiles per batch and precision of a job, chosen once on the
 * driver as "segment" chooses them on one machine ({@link SegmentationRun#choose}),
 * so that every executor segments alike and the labels equal those of "segment".
 */
final class InferenceChoice {

	private InferenceChoice() {}

	/** @return {@code s} with the tile, batch and precision of inference; says which */
	static JobSettings resolve(final JobSettings s, final List<SliceTask> tasks, final PrintStream log) {
		if (tasks.isEmpty()) return s;
		final SliceTask first = tasks.get(0);
		final long[] d;
		try (SliceSource source = SliceSources.open(Path.of(first.input()), first.dataset(), null)) {
			d = source.dimensions(first.indices()[0]);
		}
		try (SegmentationModel m = ModelFile.load(s.model().toPath(), DjlRuntime.device(s.device()))) {
			final InferenceTuner.Choice c = SegmentationRun.choose(m, d, s.overlap(), s.tileSize(), s.precision());
			log.println("xrayseg: inference: " + c.describe());
			return s.with(c.tileSize(), c.batchSize(), c.precision());
		}
	}
}
