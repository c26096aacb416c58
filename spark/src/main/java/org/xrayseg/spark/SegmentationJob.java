package org.xrayseg.spark;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.xrayseg.core.error.CancelledException;
import org.xrayseg.core.infer.QualityTable;
import org.xrayseg.core.infer.TestTimeAugmentation;
import org.xrayseg.core.model.ModelFile;
import org.xrayseg.core.model.ModelMetadata;
import org.xrayseg.core.report.ResultTable;

/**
 * Segments volumes on a Spark cluster, as "segment" does on one machine: the
 * driver plans every volume, skips those whose output is complete, splits the
 * other slices into tasks, and renames each volume's partial folder onto its
 * output once all its slices are written. Slices that are bad in themselves do
 * not stop the others; their volume stays partial (a new run segments only
 * what is missing) and the summary names them.
 */
public final class SegmentationJob {

	/** How long the driver waits, after the last result, for speculative or zombie attempts to stop. */
	private static final long IDLE_WAIT_MS = 120_000;

	/**
	 * What a job did.
	 *
	 * @param table one row per volume: its output, state, slices, seconds (and Dice)
	 * @param dice the Dice table of every volume given a reference, by output
	 * @param segmented slices segmented by this job
	 * @param reused slices written by an earlier run or a lost attempt, not segmented again
	 * @param skipped volumes whose output was already complete
	 * @param failures one line per slice that is bad in itself (or reference that does not fit)
	 * @param failedAttempts task attempts that failed and were run again
	 */
	public record Summary(ResultTable table, Map<Path, ResultTable> dice, int segmented, int reused, int skipped,
		List<String> failures, int failedAttempts) {}

	private final JobSettings settings;
	private final List<VolumePlan> plans;
	private final int[] reused;
	private final int skipped;
	private final List<SliceTask> tasks;
	private final PrintStream log;

	private SegmentationJob(final JobSettings settings, final List<VolumePlan> plans, final int[] reused,
		final int skipped, final List<SliceTask> tasks, final PrintStream log)
	{
		this.settings = settings;
		this.plans = plans;
		this.reused = reused;
		this.skipped = skipped;
		this.tasks = tasks;
		this.log = log;
	}

	/**
	 * Plans a job on the driver, before Spark starts: checks the model, reads
	 * the size of every volume, skips complete outputs, and makes the partial
	 * folders of the others ready (keeping the slices of an earlier run).
	 *
	 * @param log where progress lines go (the driver's standard error)
	 * @throws org.xrayseg.core.error.SegmentationException for a model, input or
	 *           output that cannot be used
	 */
	public static SegmentationJob plan(final JobSettings settings, final List<VolumeRequest> requests,
		final PrintStream log)
	{
		// a missing or foreign model: one line now, not per task
		final ModelMetadata model = ModelFile.readMetadata(settings.model().toPath());
		final List<VolumePlan> plans = new ArrayList<>();
		for (final VolumeRequest r : requests)
			plans.add(VolumePlan.of(r, settings.overwrite()));
		final List<SliceTask> tasks = new ArrayList<>();
		final int[] reused = new int[plans.size()];
		int skipped = 0;
		for (int v = 0; v < plans.size(); v++) {
			final VolumePlan p = plans.get(v);
			if (p.complete()) {
				skipped++;
				continue;
			}
			// decided for the whole volume, as segment decides it
			final TestTimeAugmentation.Decision tta = settings.tta().decide(model, p.megapixels());
			log.println("xrayseg: test-time augmentation of " + p.request().input() + ": " + tta.describe());
			if (PartialOutput.prepare(p.request().output(), identity(p, settings, tta.on()))) log.println(
				"xrayseg: the slices in " + PartialOutput.of(p.request().output()) + " were made with another model or " +
					"other keys: discarded");
			reused[v] = split(v, p, settings.slicesPerTask(), tta.on(), tasks);
		}
		return new SegmentationJob(InferenceChoice.resolve(settings, tasks, log), plans, reused, skipped, tasks, log);
	}

	/** @return the number of Spark tasks to run (0: nothing to segment, no Spark needed) */
	public int taskCount() {
		return tasks.size();
	}

	/**
	 * Runs the tasks on {@code spark} (which may be null if there are none) and
	 * renames the output of every volume whose slices are all written.
	 */
	public Summary run(final JavaSparkContext spark) {
		return finish(tasks.isEmpty() ? new Ran(List.of(), 0) : runTasks(spark));
	}

	/** Adds the tasks of volume {@code v}'s slices that are not written yet; @return the slices already written. */
	private static int split(final int v, final VolumePlan p, final int perTask, final boolean tta,
		final List<SliceTask> tasks)
	{
		final Path output = p.request().output();
		final List<Integer> todo = new ArrayList<>();
		for (int k = 0; k < p.count(); k++)
			if (!PartialOutput.isDone(output, p.names()[k])) todo.add(k);
		for (int from = 0; from < todo.size(); from += perTask) {
			final List<Integer> part = todo.subList(from, Math.min(todo.size(), from + perTask));
			tasks.add(new SliceTask(v, p.request().input().toString(), p.request().dataset(), p.volumeSize(), output
				.toString(), part.stream().mapToInt(k -> p.indices()[k]).toArray(), part.stream().map(k -> p.names()[k])
					.toArray(String[]::new), tta));
		}
		return p.count() - todo.size();
	}

	private record Ran(List<TaskResult> results, int failedAttempts) {}

	private Ran runTasks(final JavaSparkContext spark) {
		final JobProgress progress = new JobProgress(log, tasks.stream().mapToInt(t -> t.indices().length).toArray());
		spark.sc().addSparkListener(progress);
		spark.setJobDescription("xrayseg segment: " + tasks.size() + " tasks");
		try {
			final JobSettings s = settings; // the closure ships the settings, not this job
			final List<TaskResult> results = spark.parallelize(tasks, tasks.size()).map(t -> SliceWorker.run(t, s,
				TaskContext.get().cpus(), TaskContext.get().attemptNumber())).collect();
			progress.awaitIdle(IDLE_WAIT_MS);
			return new Ran(results, progress.failedAttempts());
		}
		catch (final InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new CancelledException();
		}
		finally {
			spark.sc().removeSparkListener(progress);
		}
	}

	/** Commits every volume whose slices are all written, scores it against its reference, and sums up. */
	private Summary finish(final Ran ran) {
		final JobReport report = new JobReport(plans, reused);
		ran.results().forEach(report::add);
		for (int v = 0; v < plans.size(); v++) {
			final VolumePlan p = plans.get(v);
			if (!p.complete() && report.failures(v).isEmpty()) {
				final QualityTable quality = settings.quality() ? QualitySidecar.read(p.request().output(), p.names(),
					ModelFile.readMetadata(settings.model().toPath())) : null;
				PartialOutput.commit(p.request().output(), p.names());
				if (quality != null) QualitySidecar.writeTable(p.request().output(), quality, settings.overwrite(), log);
			}
			report.score(v);
		}
		return report.summary(skipped, ran.failedAttempts());
	}

	/**
	 * @param tta whether the flips and rotations of its slices are averaged (decided for the volume)
	 * @return what made a volume's label slices: a partial folder with another identity is not resumed
	 */
	static String identity(final VolumePlan p, final JobSettings s, final boolean tta) {
		final Path model = s.model().toPath().toAbsolutePath().normalize();
		try {
			return String.join("\n", "model=" + model, "model_bytes=" + Files.size(model), "model_modified=" + Files
				.getLastModifiedTime(model).toMillis(), "input=" + p.request().input(), "dataset=" + p.request()
					.dataset(), "slices=" + p.request().slices(), "tile_size=" + s.tileSize(), "overlap=" + s.overlap(),
				"device=" + s.device(), "tta=" + tta, "precision=" + s.precision().key(), "quality=" + s.quality(), "");
		}
		catch (final IOException e) {
			throw new UncheckedIOException("Cannot read model " + model + ": " + e.getMessage(), e);
		}
	}
}
