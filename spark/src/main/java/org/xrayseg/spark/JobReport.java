package org.xrayseg.spark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.xrayseg.core.error.SegmentationException;
import org.xrayseg.core.io.FileSliceSource;
import org.xrayseg.core.io.SliceSource;
import org.xrayseg.core.io.SliceSources;
import org.xrayseg.core.metrics.LabelScorer;
import org.xrayseg.core.metrics.ScoreTables;
import org.xrayseg.core.metrics.SegmentationScores;
import org.xrayseg.core.progress.ProgressListener;
import org.xrayseg.core.report.ResultTable;

/**
 * Sums up a job per volume from its task results, and scores finished
 * volumes against their references with the plugin's "Evaluate" scoring
 * (Dice and IoU per phase, mean and spread over slices).
 */
final class JobReport {

	private final List<VolumePlan> plans;
	private final int[] segmented;
	private final int[] reused;
	private final double[] seconds;
	private final List<List<String>> failures = new ArrayList<>();
	private final Map<Path, ResultTable> dice = new LinkedHashMap<>();
	private final double[] meanDice;

	/** @param reusedBefore slices of each volume found written before the job started */
	JobReport(final List<VolumePlan> plans, final int[] reusedBefore) {
		this.plans = plans;
		this.segmented = new int[plans.size()];
		this.reused = reusedBefore.clone();
		this.seconds = new double[plans.size()];
		this.meanDice = new double[plans.size()];
		for (int v = 0; v < plans.size(); v++)
			failures.add(new ArrayList<>());
	}

	void add(final TaskResult r) {
		segmented[r.volume()] += r.segmented();
		reused[r.volume()] += r.reused();
		seconds[r.volume()] += r.seconds();
		failures.get(r.volume()).addAll(r.failures());
	}

	/** @return the bad slices of volume {@code v} */
	List<String> failures(final int v) {
		return failures.get(v);
	}

	/** Scores volume {@code v}'s finished output against its reference, if it has one. */
	void score(final int v) {
		final VolumeRequest r = plans.get(v).request();
		meanDice[v] = Double.NaN;
		if (r.truth() == null || !failures.get(v).isEmpty()) return;
		try (SliceSource labels = FileSliceSource.open(r.output()); SliceSource truth = SliceSources.open(r.truth(),
			null, null))
		{
			final SegmentationScores scores = LabelScorer.evaluate(labels, truth, ProgressListener.NONE);
			dice.put(r.output(), ScoreTables.dice(scores));
			meanDice[v] = scores.meanDiceOverClasses();
		}
		catch (final SegmentationException e) {
			failures.get(v).add("truth=" + r.truth() + " does not fit " + r.output() + ": " + e.getMessage());
		}
	}

	SegmentationJob.Summary summary(final int skipped, final int failedAttempts) {
		final boolean scored = plans.stream().anyMatch(p -> p.request().truth() != null);
		final List<String> columns = new ArrayList<>(List.of("volume", "state", "slices", "segmented", "kept",
			"failed", "seconds"));
		if (scored) columns.add(ScoreTables.DICE_MEAN);
		final ResultTable table = new ResultTable("Summary", columns.toArray(new String[0]));
		final List<String> allFailures = new ArrayList<>();
		int segmentedTotal = 0;
		int reusedTotal = 0;
		for (int v = 0; v < plans.size(); v++) {
			final VolumePlan p = plans.get(v);
			final String state = !failures.get(v).isEmpty() ? "failed" : p.complete() ? "complete before" : "done";
			final List<Object> row = new ArrayList<>(List.of(p.request().output().toString(), state, p.count(),
				segmented[v], p.complete() ? p.count() : reused[v], failures.get(v).size(), seconds[v]));
			if (scored) row.add(meanDice[v]);
			table.add(row.toArray());
			allFailures.addAll(failures.get(v));
			segmentedTotal += segmented[v];
			reusedTotal += reused[v];
		}
		return new SegmentationJob.Summary(table, dice, segmentedTotal, reusedTotal, skipped, allFailures,
			failedAttempts);
	}
}
