package org.xrayseg.spark;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.xrayseg.command.ExitCode;
import org.xrayseg.command.KeyValueText;
import org.xrayseg.core.error.CancelledException;
import org.xrayseg.core.error.InvalidInputException;
import org.xrayseg.core.error.SegmentationException;
import org.xrayseg.core.io.AtomicOutput;

/**
 * The Spark application: {@code spark-submit --class org.xrayseg.spark.SparkSegment
 * xrayseg-spark.jar segment model=... input=... output=... [key=value ...]}
 * segments volumes with the keys of {@code xrayseg segment} (and slices=,
 * dataset=, truth=, table=, slices_per_task=) on the executors the cluster
 * gives; {@code help} lists the keys. Exit codes as the command line's: 0
 * done, 1 failed, 2 bad usage, 130 cancelled.
 */
public final class SparkSegment {

	static final String COMMAND = "segment";

	private SparkSegment() {}

	public static void main(final String[] args) {
		System.exit(run(args, new SparkConf(), System.out, System.err));
	}

	/**
	 * Runs one job in a new Spark context made from {@code conf} (spark-submit's
	 * settings), started only if there is something to segment.
	 *
	 * @return the exit code
	 */
	public static int run(final String[] args, final SparkConf conf, final PrintStream out, final PrintStream err) {
		if (args.length == 0 || args[0].equals("help") || args[0].equals("--help")) {
			KeyHelp.print(out);
			return args.length == 0 ? ExitCode.USAGE : ExitCode.OK;
		}
		if (!args[0].equals(COMMAND)) {
			err.println("error: unknown command '" + args[0] + "'. Commands: " + COMMAND + ", help");
			return ExitCode.USAGE;
		}
		final SegmentKeys.Parsed keys;
		try {
			keys = SegmentKeys.parse(KeyValueText.parseArguments(Arrays.copyOfRange(args, 1, args.length)));
		}
		catch (final InvalidInputException e) {
			err.println("error: " + e.getMessage());
			return ExitCode.USAGE;
		}
		conf.setIfMissing("spark.app.name", "xrayseg segment");
		conf.setIfMissing("spark.log.level", "WARN");
		try {
			if (keys.table() != null) AtomicOutput.file(keys.table().toPath(), keys.settings().overwrite()).close();
			final long start = System.nanoTime();
			final SegmentationJob job = SegmentationJob.plan(keys.settings(), keys.volumes(), err);
			final SegmentationJob.Summary s;
			if (job.taskCount() == 0) s = job.run(null); // every volume complete or written before: no Spark needed
			else try (JavaSparkContext spark = new JavaSparkContext(conf)) {
				s = job.run(spark);
			}
			print(s, (System.nanoTime() - start) / 1e9, out);
			if (keys.table() != null) s.table().writeCsv(keys.table().toPath(), keys.settings().overwrite());
			return s.failures().isEmpty() ? ExitCode.OK : failed(s.failures(), err);
		}
		catch (final CancelledException e) {
			err.println("cancelled: " + e.getMessage());
			return ExitCode.CANCELLED;
		}
		catch (final RuntimeException e) {
			err.println("error: " + describe(e));
			return ExitCode.FAILED;
		}
	}

	private static void print(final SegmentationJob.Summary s, final double seconds, final PrintStream out) {
		out.println(s.table().title() + ":");
		out.print(s.table().toText());
		s.dice().forEach((volume, table) -> {
			out.println(table.title() + " of " + volume + ":");
			out.print(table.toText());
		});
		out.println(String.format(Locale.ROOT, "%d slices segmented (%.2f slices/s), %d kept from before, %d " +
			"volumes complete before, in %.1f s%s", s.segmented(), s.segmented() / seconds, s.reused(), s.skipped(),
			seconds, s.failedAttempts() == 0 ? "" : "; " + s.failedAttempts() + " failed task attempts were run again"));
	}

	/** Lists every bad slice, then says in one line what failed and what to do. */
	private static int failed(final List<String> failures, final PrintStream err) {
		if (failures.size() > 1) failures.forEach(f -> err.println("failed: " + f));
		err.println("error: " + (failures.size() == 1 ? failures.get(0) : failures.size() +
			" slices could not be segmented, the first: " + failures.get(0)) +
			"; the other slices are written: run the job again once it is fixed to segment what is missing");
		return ExitCode.FAILED;
	}

	/** @return the message of the plugin's error behind {@code e}, else the first line of Spark's */
	static String describe(final Throwable e) {
		for (Throwable t = e; t != null; t = t.getCause())
			if (t instanceof SegmentationException) return t.getMessage();
		final String m = e.getMessage();
		return m == null ? e.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
	}
}
