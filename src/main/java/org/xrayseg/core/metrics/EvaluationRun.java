package org.xrayseg.core.metrics;

import java.io.File;

import org.xrayseg.core.error.InvalidInputException;
import org.xrayseg.core.io.AtomicOutput;
import org.xrayseg.core.io.FileSliceSource;
import org.xrayseg.core.progress.ProgressListener;

/** Scores label files on disk against reference files and saves the tables: the whole of "Evaluate". */
public final class EvaluationRun {

	private EvaluationRun() {}

	/**
	 * @param table CSV file for the Dice table, or null
	 * @param sliceTable CSV file for the per-slice scores, or null
	 */
	public static Evaluation run(final File prediction, final File truth, final File table, final File sliceTable,
		final boolean overwrite, final ProgressListener progress)
	{
		if (prediction == null) throw new InvalidInputException("No prediction given (prediction=FOLDER or FILE)");
		if (truth == null) throw new InvalidInputException("No reference labels given (truth=FOLDER or FILE)");
		for (final File out : new File[] { table, sliceTable }) {
			if (out == null) continue;
			AtomicOutput.requireNotInput(out.toPath(), prediction.toPath(), truth.toPath());
			AtomicOutput.file(out.toPath(), overwrite).close();
		}
		final Evaluation e;
		try (FileSliceSource p = FileSliceSource.open(prediction.toPath());
			FileSliceSource t = FileSliceSource.open(truth.toPath()))
		{
			e = Evaluator.evaluate(p, t, progress);
		}
		if (table != null) EvaluationTables.dice(e).writeCsv(table.toPath(), overwrite);
		if (sliceTable != null) EvaluationTables.perSlice(e).writeCsv(sliceTable.toPath(), overwrite);
		return e;
	}
}
