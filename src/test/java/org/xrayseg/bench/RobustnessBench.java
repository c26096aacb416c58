package org.xrayseg.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import net.imglib2.img.array.ArrayImgs;

import org.xrayseg.core.baseline.GlobalThresholds;
import org.xrayseg.core.data.LabelCoding;
import org.xrayseg.core.data.LabelledSlices;
import org.xrayseg.core.data.Normalization;
import org.xrayseg.core.data.SyntheticVolume;
import org.xrayseg.core.io.FileSliceSource;
import org.xrayseg.core.io.TiffSliceSink;
import org.xrayseg.core.metrics.ConfusionMatrix;
import org.xrayseg.core.metrics.SegmentationScores;
import org.xrayseg.core.progress.ProgressListener;

/**
 * Accuracy on data nobody tuned for, with the default settings only:
 * <ol>
 * <li>two renderings of the synthetic volume at unlike grey scales (float32
 * around 0.6..1.9 and 16-bit around 30000..50000) mixed in one training folder,
 * against training on one scale alone and against the best global thresholds;</li>
 * <li>thin dark membranes between bright cells (8-bit, blurred, noisy, the
 * membranes a fifth of the pixels);</li>
 * <li>a sandstone-like rock: 7 labelled 16-bit slices, four phases, two of
 * them rare (clay and bright heavy minerals), against the best global
 * thresholds ({@link SyntheticRock}).</li>
 * </ol>
 * Prints the test Dice of each. Usage: RobustnessBench FOLDER [PARTS], PARTS a
 * comma-separated choice of {@code two-scales} (all four settings), {@code mixed}
 * (the defaults on the mixed folder only), {@code membranes} and {@code rock}; default
 * {@code two-scales,membranes}.
 */
public final class RobustnessBench {

	private static final int SIDE = 128;

	public static void main(final String[] args) throws Exception {
		final Path dir = Files.createDirectories(Paths.get(args[0]));
		final List<String> parts = List.of((args.length > 1 ? args[1] : "two-scales,membranes").split(","));
		final List<String> rows = new ArrayList<>();
		if (parts.contains("two-scales") || parts.contains("mixed"))
			twoScales(dir.resolve("two-scales"), rows, parts.contains("two-scales"));
		if (parts.contains("membranes")) membranes(dir.resolve("membranes"), rows);
		if (parts.contains("rock")) rock(dir.resolve("rock"), rows);
		System.out.println("\nsetting | test Dice per phase | mean");
		rows.forEach(System.out::println);
	}

	private static void twoScales(final Path dir, final List<String> rows, final boolean all) throws Exception {
		final SyntheticVolume.Volume v = SyntheticVolume.generate(40, SIDE, SIDE, 21);
		// mixed: slices 1-24 as float32, 25-32 as 16-bit, in one folder; test: 33-36 float, 37-40 16-bit
		write(v, 0, 24, dir.resolve("mixed"), true);
		write(v, 24, 32, dir.resolve("mixed-b"), false);
		merge(dir.resolve("mixed-b"), dir.resolve("mixed"));
		write(v, 32, 36, dir.resolve("test"), true);
		write(v, 36, 40, dir.resolve("test-b"), false);
		merge(dir.resolve("test-b"), dir.resolve("test"));
		write(v, 0, 32, dir.resolve("one-scale"), true);
		write(v, 32, 40, dir.resolve("one-scale-test"), true);
		rows.add(BenchCli.trainAndScore("two scales mixed, defaults", dir.resolve("mixed"), dir.resolve("test"), dir));
		if (!all) return;
		rows.add(BenchCli.trainAndScore("one scale alone (float32), defaults", dir.resolve("one-scale"), dir.resolve(
			"one-scale-test"), dir));
		rows.add(BenchCli.trainAndScore("two scales mixed, normalisation=global", dir.resolve("mixed"), dir.resolve("test"), dir,
			"normalisation=global"));
		rows.add(thresholds("two scales mixed, best global thresholds", dir.resolve("mixed"), dir.resolve("test"),
			dir));
	}

	private static void membranes(final Path dir, final List<String> rows) throws Exception {
		SyntheticMembranes.write(dir.resolve("train"), 16, 256, 256, 5);
		SyntheticMembranes.write(dir.resolve("test"), 6, 256, 256, 77);
		rows.add(BenchCli.trainAndScore("membranes, defaults", dir.resolve("train"), dir.resolve("test"), dir));
	}

	/** Seven labelled slices, four phases, two of them rare (as issue 22's sandstone): defaults and thresholds. */
	private static void rock(final Path dir, final List<String> rows) throws Exception {
		SyntheticRock.write(dir.resolve("train"), 7, 256, 11);
		SyntheticRock.write(dir.resolve("test"), 8, 256, 99);
		rows.add(BenchCli.trainAndScore("rock, defaults", dir.resolve("train"), dir.resolve("test"), dir));
		rows.add(thresholds("rock, best global thresholds", dir.resolve("train"), dir.resolve("test"), dir));
	}

	/** Moves the images and labels of {@code from} into {@code to}. */
	private static void merge(final Path from, final Path to) throws java.io.IOException {
		for (final String sub : new String[] { "images", "labels" })
			try (java.util.stream.Stream<Path> files = Files.list(from.resolve(sub))) {
				for (final Path f : (Iterable<Path>) files::iterator)
					Files.move(f, to.resolve(sub).resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
			}
	}

	/** Float32 (raw / 20000) or 16-bit (20000 + raw * 0.8) renderings of slices from..to. */
	private static void write(final SyntheticVolume.Volume v, final int from, final int to, final Path folder,
		final boolean floats)
	{
		try (TiffSliceSink images = new TiffSliceSink(folder.resolve("images"), floats ? 32 : 16, true);
			TiffSliceSink labels = new TiffSliceSink(folder.resolve("labels"), 8, true))
		{
			for (int z = from; z < to; z++) {
				final String name = String.format(Locale.ROOT, "slice_%03d.tif", z + 1);
				final short[] raw = v.images()[z];
				if (floats) {
					final float[] f = new float[raw.length];
					for (int i = 0; i < f.length; i++)
						f[i] = (raw[i] & 0xffff) / 20000f;
					images.write(ArrayImgs.floats(f, SIDE, SIDE), name);
				}
				else {
					final short[] s = new short[raw.length];
					for (int i = 0; i < s.length; i++)
						s[i] = (short) Math.min(65535, 20000 + Math.round((raw[i] & 0xffff) * 0.8));
					images.write(ArrayImgs.unsignedShorts(s, SIDE, SIDE), name);
				}
				labels.write(ArrayImgs.unsignedBytes(v.labels()[z], SIDE, SIDE), name);
			}
			images.commit();
			labels.commit();
		}
	}

	private static String thresholds(final String setting, final Path train, final Path test, final Path dir) {
		try (FileSliceSource im = FileSliceSource.open(train.resolve("images")); FileSliceSource lb = FileSliceSource
			.open(train.resolve("labels")); FileSliceSource ti = FileSliceSource.open(test.resolve("images"));
			FileSliceSource tl = FileSliceSource.open(test.resolve("labels")))
		{
			final LabelCoding coding = LabelCoding.fit(lb, ProgressListener.NONE);
			final Normalization raw = new Normalization(0, 1);
			final GlobalThresholds t = GlobalThresholds.fitToLabels(LabelledSlices.load(im, lb, raw, coding,
				ProgressListener.NONE), coding.classes());
			final SegmentationScores scores = new SegmentationScores(coding);
			for (int i = 0; i < ti.size(); i++)
				scores.add(ti.describe(i), ConfusionMatrix.of(coding.toClasses(tl.slice(i), tl.describe(i)), t.classify(raw
					.apply(ti.slice(i), ti.describe(i))), coding.classes()));
			return BenchCli.row(setting, scores);
		}
	}
}
