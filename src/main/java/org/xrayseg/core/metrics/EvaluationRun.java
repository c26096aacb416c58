package org.xrayseg.core.metrics;

import java.io.File;
import java.util.List;

import org.xrayseg.core.data.LabelCoding;
import org.xrayseg.core.io.AtomicOutput;
import org.xrayseg.core.io.SliceInput;
import org.xrayseg.core.io.SliceRange;
import org.xrayseg.core.io.SliceSource;
import org.xrayseg.core.progress.ProgressListener;

/** Scores label files on disk against reference files and saves the tables: the whole of "Evaluate". */
public final class EvaluationRun {

	private EvaluationRun() {}

	/**
	 * @param slices the slices of the reference to score (e.g. "101-200"), or
	 *          null for all; the prediction is taken whole when it holds just
	 *          those slices (the output of a run with the same slices=), else the
	 *          same slices of it
	 * @param classNames the phases' names in the order of their codes, or null for "code N"
	 * @param unlabelled the reference value that means "not annotated", or {@link LabelCoding#NO_UNLABELLED}
	 * @param table CSV file for the Dice table, or null
	 * @param sliceTable CSV file for the per-slice scores, or null
	 */
	public static SegmentationScores run(final SliceInput prediction, final SliceInput truth, final String slices,
		final List<String> classNames, final int unlabelled, final File table, final File sliceTable, final boolean overwrite,
		final ProgressListener progress)
	{
		for (final File out : new File[] { table, sliceTable }) {
			if (out == null) continue;
			SliceInput.requireNotInput(out.toPath(), prediction, truth);
			AtomicOutput.file(out.toPath(), overwrite).close();
		}
		final SegmentationScores e;
		try (SliceSource whole = prediction.open(); SliceSource t = truth.withSlices(slices).open();
			SliceSource p = matching(prediction, whole, t, slices))
		{
			e = LabelScorer.evaluate(p, t, classNames, unlabelled, progress);
		}
		if (table != null) ScoreTables.dice(e).writeCsv(table.toPath(), overwrite);
		if (sliceTable != null) ScoreTables.perSlice(e).writeCsv(sliceTable.toPath(), overwrite);
		return e;
	}

	/**
	 * @return the prediction whole if it holds as many slices as the selected
	 *         reference, else the same slices of it (opened anew; the caller closes {@code whole})
	 */
	private static SliceSource matching(final SliceInput prediction, final SliceSource whole,
		final SliceSource truth, final String slices)
	{
		if (slices == null || slices.isBlank() || whole.size() == truth.size()) return new SliceRange(whole, 0, whole
			.size());
		return prediction.withSlices(slices).open();
	}
}
