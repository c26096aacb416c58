package org.xrayseg.core.annotate;

import java.io.File;
import java.util.List;
import java.util.Locale;

import org.xrayseg.core.infer.SegmentationRun;
import org.xrayseg.core.io.AtomicOutput;
import org.xrayseg.core.io.SliceInput;
import org.xrayseg.core.io.SliceSource;
import org.xrayseg.core.model.SegmentationModel;
import org.xrayseg.core.progress.ProgressListener;

/** The whole of "Suggest Annotations": loads the model, finds the regions, writes their table if asked. */
public final class SuggestionRun {

	private SuggestionRun() {}

	/**
	 * @param table where to write the regions as CSV, or null
	 * @return the regions, best first
	 */
	public static List<Suggestion> run(final File model, final String device, final SliceInput input,
		final int count, final int size, final File table, final boolean overwrite, final ProgressListener progress)
	{
		if (table != null) {
			SliceInput.requireNotInput(table.toPath(), input);
			AtomicOutput.file(table.toPath(), overwrite).close();
		}
		try (SegmentationModel m = SegmentationRun.load(model, device); SliceSource in = input.open()) {
			if (!m.metadata().probabilityCalibration().fitted()) progress.message("Warning: the model's probabilities " +
				"are not calibrated (trained without validation slices or by an earlier version): the regions are " +
				"ranked by its raw confidence");
			final List<Suggestion> found = AnnotationSuggester.suggest(m, in, count, size, progress);
			if (table != null) Suggestion.table(found).writeCsv(table.toPath(), overwrite);
			progress.message(String.format(Locale.ROOT, "Suggested %d regions of %d x %d pixels on %d slices of %s",
				found.size(), size, size, found.stream().mapToInt(Suggestion::slice).distinct().count(), in.name()));
			return found;
		}
	}
}
