package org.xrayseg.core.metrics;

import java.io.File;

import org.xrayseg.core.io.AtomicOutput;
import org.xrayseg.core.io.SliceInput;
import org.xrayseg.core.io.SliceSource;
import org.xrayseg.core.progress.ProgressListener;

/** Scores label files on disk against reference files and saves the tables: the whole of "Evaluate". */
public final class EvaluationRun {

	private EvaluationRun() {}

	/**
	 * @param table CSV file for the Dice table, or null
	 * @param sliceTable CSV file for the per-slice scores, or null
	 */
	public static SegmentationScores run(final SliceInput prediction, final SliceInput truth, final File table,
		final File sliceTable, final boolean overwrite, final ProgressListener progress)
	{
		for (final File out : new File[] { table, sliceTable }) {
			if (out == null) continue;
			SliceInput.requireNotInput(out.toPath(), prediction, truth);
			AtomicOutput.file(out.toPath(), overwrite).close();
		}
		final SegmentationScores e;
		try (SliceSource p = prediction.open(); SliceSource t = truth.open()) {
			e = LabelScorer.evaluate(p, t, progress);
		}
		if (table != null) ScoreTables.dice(e).writeCsv(table.toPath(), overwrite);
		if (sliceTable != null) ScoreTables.perSlice(e).writeCsv(sliceTable.toPath(), overwrite);
		return e;
	}
}
