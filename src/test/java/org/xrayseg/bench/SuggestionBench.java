package org.xrayseg.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import ai.djl.Device;

import net.imglib2.img.array.ArrayImgs;

import org.xrayseg.Scribbles;
import org.xrayseg.core.annotate.AnnotationSuggester;
import org.xrayseg.core.annotate.Suggestion;
import org.xrayseg.core.io.FileSliceSource;
import org.xrayseg.core.io.TiffSliceSink;
import org.xrayseg.core.model.ModelFile;
import org.xrayseg.core.model.SegmentationModel;
import org.xrayseg.core.progress.ProgressListener;

/**
 * Issue 25, "suggestions pay": a simulated user on the SOC data. The volume
 * to annotate is slices 1-100; the user starts from a model trained by
 * Train from Annotations on strokes of 2 slices (1 and 51; 5 strokes of 60
 * steps per phase, as AnnotationBench), then for 3 rounds adds strokes in 10
 * regions of 64 x 64 (in each region one stroke of {@link #STEPS} steps per
 * phase present, drawn inside that phase from the reference labels) and
 * trains again (Train from Annotations continues from its model). The regions
 * are those Suggest Annotations gives, or 10 random ones (slice and place
 * uniform); each with 3 seeds (the seed of the strokes, the random regions
 * and the training). Test Dice on slices 251-300 after every round.
 * Usage: SuggestionBench SOC_FOLDER OUT_FOLDER [SEEDS (N: 1..N, or FIRST-LAST) [more train-annotations keys...]]
 */
public final class SuggestionBench {

	private static final int POOL = 100;
	private static final int[] FIRST = { 0, 50 };
	private static final int ROUNDS = 3;
	private static final int REGIONS = 10;
	private static final int SIZE = 64;
	private static final int STEPS = 25;

	private SuggestionBench() {}

	public static void main(final String[] args) throws Exception {
		final Path data = Paths.get(args[0]);
		final Path out = Files.createDirectories(Paths.get(args[1]));
		final String range = args.length > 2 ? args[2] : "3";
		final int firstSeed = range.contains("-") ? Integer.parseInt(range.substring(0, range.indexOf('-'))) : 1;
		final int lastSeed = Integer.parseInt(range.substring(range.indexOf('-') + 1));
		final List<String> keys = args.length > 3 ? List.of(args).subList(3, args.length) : List.of();
		final Path images = out.resolve("pool");
		final Path test = out.resolve("test");
		final byte[][] truth = new byte[POOL][];
		int w = 0;
		int h = 0;
		try (TiffSliceSink pool = new TiffSliceSink(images, 16, true);
			TiffSliceSink ti = new TiffSliceSink(test.resolve("images"), 16, true);
			TiffSliceSink tl = new TiffSliceSink(test.resolve("labels"), 8, true))
		{
			for (int z = 0; z < POOL; z++) {
				final AnnotationBench.Slice s = AnnotationBench.socSlice(data, z + 1);
				w = s.width();
				h = s.height();
				truth[z] = Scribbles.classesOf(s.labels());
				pool.write(ArrayImgs.unsignedShorts(s.grey(), w, h), name(z + 1));
			}
			for (int z = 251; z <= 300; z++) {
				final AnnotationBench.Slice s = AnnotationBench.socSlice(data, z);
				ti.write(ArrayImgs.unsignedShorts(s.grey(), w, h), name(z));
				tl.write(ArrayImgs.unsignedBytes(Scribbles.complete(Scribbles.classesOf(s.labels())), w, h), name(z));
			}
			pool.commit();
			ti.commit();
			tl.commit();
		}
		final List<String> rows = new ArrayList<>();
		for (int seed = firstSeed; seed <= lastSeed; seed++) {
			final byte[][] start = new byte[POOL][w * h];
			for (final int z : FIRST)
				start[z] = Scribbles.draw(truth[z], w, h, 3, 5, 60, 100L * seed + z);
			final Path first = out.resolve("seed" + seed + "-start.xrsm");
			final double initial = train(out, images, start, first, seed, keys, test, w, h, "seed" + seed + "-start");
			rows.add(String.format(Locale.ROOT, "seed %d | start (strokes on 2 slices) | %.4f", seed, initial));
			for (final boolean suggested : new boolean[] { true, false }) {
				final String run = "seed" + seed + (suggested ? "-suggested" : "-random");
				final Path model = out.resolve(run + ".xrsm");
				Files.copy(first, model, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
				final byte[][] annotations = new byte[POOL][];
				for (int z = 0; z < POOL; z++)
					annotations[z] = start[z].clone();
				final Random random = new Random(1000L * seed + (suggested ? 1 : 2));
				for (int round = 1; round <= ROUNDS; round++) {
					final List<int[]> regions = suggested ? suggested(model, images) : random(random, w, h);
					for (final int[] r : regions)
						strokes(annotations[r[0]], truth[r[0]], w, r[1], r[2], random.nextLong());
					final double dice = train(out, images, annotations, model, seed, keys, test, w, h, run + "-" + round);
					rows.add(String.format(Locale.ROOT, "seed %d | %s, round %d | %.4f", seed, suggested ? "suggested"
						: "random", round, dice));
					System.out.println(rows.get(rows.size() - 1));
				}
			}
		}
		System.out.println("\nseed | regions | test Dice (mean over phases, slices 251-300)");
		rows.forEach(System.out::println);
	}

	/** @return {slice, x, y} of the regions Suggest Annotations gives with the model */
	private static List<int[]> suggested(final Path model, final Path images) {
		try (SegmentationModel m = ModelFile.load(model, Device.cpu());
			FileSliceSource pool = FileSliceSource.open(images))
		{
			return AnnotationSuggester.suggest(m, pool, REGIONS, SIZE, ProgressListener.NONE).stream().map(
				(Suggestion s) -> new int[] { s.slice(), s.x(), s.y() }).toList();
		}
	}

	private static List<int[]> random(final Random random, final int w, final int h) {
		final List<int[]> r = new ArrayList<>();
		for (int i = 0; i < REGIONS; i++)
			r.add(new int[] { random.nextInt(POOL), random.nextInt(w - SIZE + 1), random.nextInt(h - SIZE + 1) });
		return r;
	}

	/** Draws one stroke per phase present in the region into {@code annotations} (class + 1 on its pixels). */
	private static void strokes(final byte[] annotations, final byte[] truth, final int w, final int x0, final int y0,
		final long seed)
	{
		final byte[] crop = new byte[SIZE * SIZE];
		for (int y = 0; y < SIZE; y++)
			System.arraycopy(truth, (y0 + y) * w + x0, crop, y * SIZE, SIZE);
		final byte[] drawn = Scribbles.draw(crop, SIZE, SIZE, 3, 1, STEPS, seed);
		for (int y = 0; y < SIZE; y++)
			for (int x = 0; x < SIZE; x++)
				if (drawn[y * SIZE + x] != 0) annotations[(y0 + y) * w + x0 + x] = drawn[y * SIZE + x];
	}

	/** Trains from the annotations (continuing from {@code model} where it exists) and scores it on the test slab. */
	private static double train(final Path out, final Path images, final byte[][] annotations, final Path model,
		final int seed, final List<String> keys, final Path test, final int w, final int h, final String name)
	{
		final Path labels = out.resolve(name + "-annotations");
		try (TiffSliceSink sink = new TiffSliceSink(labels, 8, true)) {
			for (int z = 0; z < POOL; z++)
				sink.write(ArrayImgs.unsignedBytes(annotations[z], w, h), name(z + 1));
			sink.commit();
		}
		final List<String> args = new ArrayList<>(List.of("train-annotations", "input=" + images, "annotations=" +
			labels, "model=" + model, "output=" + out.resolve(name + "-pool-labels"), "unlabelled=0", "seed=" + seed,
			"overwrite=true"));
		args.addAll(keys);
		final long t0 = System.nanoTime();
		BenchCli.run(args.toArray(new String[0]));
		System.err.printf(Locale.ROOT, "%s trained in %.0f s%n", name, (System.nanoTime() - t0) / 1e9);
		final String row = BenchCli.score(name, model, test, out);
		return Double.parseDouble(row.substring(row.lastIndexOf('|') + 1).trim());
	}

	private static String name(final int z) {
		return String.format(Locale.ROOT, "slice_%03d.tif", z);
	}
}
