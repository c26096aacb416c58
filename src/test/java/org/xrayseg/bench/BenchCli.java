package org.xrayseg.bench;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.xrayseg.cli.Main;
import org.xrayseg.command.ExitCode;
import org.xrayseg.core.io.FileSliceSource;
import org.xrayseg.core.metrics.LabelScorer;
import org.xrayseg.core.metrics.SegmentationScores;
import org.xrayseg.core.progress.ProgressListener;

/** What the benchmarks do as a user does: command lines of bin/xrayseg, Dice on a test slab, one row per setting. */
final class BenchCli {

	private BenchCli() {}

	/** Runs one command line; its log goes to the bench's standard error. */
	static void run(final String... args) {
		final ByteArrayOutputStream out = new ByteArrayOutputStream();
		final int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
		if (code != ExitCode.OK) throw new IllegalStateException(String.join(" ", args) + " failed: " + out);
	}

	/**
	 * Trains a U-Net on {@code train}/images and labels with the given keys, segments {@code test}/images with
	 * it and scores the result against {@code test}/labels.
	 *
	 * @return the row: setting (training seconds) | Dice per phase | mean
	 */
	static String trainAndScore(final String setting, final Path train, final Path test, final Path dir,
		final String... keys)
	{
		final Path model = dir.resolve(setting.replaceAll("\\W+", "-") + ".xrsm");
		final List<String> args = new ArrayList<>(List.of("train-unet", "images=" + train.resolve("images"),
			"labels=" + train.resolve("labels"), "model=" + model, "seed=1", "overwrite=true"));
		args.addAll(List.of(keys));
		final long t0 = System.nanoTime();
		run(args.toArray(new String[0]));
		final double seconds = (System.nanoTime() - t0) / 1e9;
		return score(setting + String.format(Locale.ROOT, " (%.0f s)", seconds), model, test, dir);
	}

	/** Segments {@code test}/images with {@code model} and scores it: the row of {@code setting}. */
	static String score(final String setting, final Path model, final Path test, final Path dir, final String... keys) {
		final Path labels = dir.resolve(setting.replaceAll("\\W+", "-") + "-labels");
		final List<String> args = new ArrayList<>(List.of("segment", "model=" + model, "input=" + test.resolve(
			"images"), "output=" + labels, "overwrite=true"));
		args.addAll(List.of(keys));
		run(args.toArray(new String[0]));
		try (FileSliceSource p = FileSliceSource.open(labels); FileSliceSource t = FileSliceSource.open(test.resolve(
			"labels")))
		{
			return row(setting, LabelScorer.evaluate(p, t, ProgressListener.NONE));
		}
	}

	static String row(final String setting, final SegmentationScores s) {
		final StringBuilder b = new StringBuilder(setting).append(" |");
		for (int c = 0; c < s.coding().classes(); c++)
			b.append(String.format(Locale.ROOT, " %.4f", s.meanDice(c)));
		return b.append(String.format(Locale.ROOT, " | %.4f", s.meanDiceOverClasses())).toString();
	}
}
