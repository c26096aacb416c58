package org.xrayseg.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import net.imglib2.img.array.ArrayImgs;

import org.xrayseg.Scribbles;
import org.xrayseg.core.convert.Pixels;
import org.xrayseg.core.data.SyntheticVolume;
import org.xrayseg.core.io.FileSliceSource;
import org.xrayseg.core.io.TiffSliceSink;

/**
 * Training from what users have (issue 16), with the command lines users run:
 * <ul>
 * <li>{@code synthetic}: strokes on 5 slices of the synthetic volume (under 2%
 * of their pixels) against the complete labels of the same 5 slices, both
 * tested on 10 other slices;</li>
 * <li>{@code soc DATA BASE_MODEL}: a model trained on SOC slices 1-100
 * fine-tuned with {@code initial_model=} on 2 labelled slices of a
 * contrast-changed copy of slices 151-300 (gamma 0.5, then times 0.6), against
 * the untuned model and training from scratch on the same 2 slices, all
 * tested on the copy's 251-300;</li>
 * <li>{@code soc-strokes DATA}: strokes on 5 SOC slices (1, 26, 51, 76, 101)
 * against their complete labels, tested on slices 251-300 (real data).</li>
 * </ul>
 * Usage: AnnotationBench synthetic|soc-strokes|soc FOLDER [DATA [BASE_MODEL]] [more train-unet keys...]
 */
public final class AnnotationBench {

	private static final int SIDE = 256;
	private static final int[] ANNOTATED = { 0, 4, 8, 12, 16 };
	private static final int TEST_FROM = 20;
	private static final int SLICES = 30;

	public static void main(final String[] args) throws Exception {
		final Path dir = Files.createDirectories(Paths.get(args[1]));
		final List<String> rows = new ArrayList<>();
		if (args[0].equals("synthetic")) synthetic(dir, rows, Arrays.copyOfRange(args, 2, args.length));
		else if (args[0].equals("soc-strokes")) socStrokes(dir, Paths.get(args[2]), rows, Arrays.copyOfRange(args, 3,
			args.length));
		else soc(dir, Paths.get(args[2]), Paths.get(args[3]), rows, Arrays.copyOfRange(args, 4, args.length));
		System.out.println("\nsetting | test Dice per phase | mean");
		rows.forEach(System.out::println);
	}

	private static void synthetic(final Path dir, final List<String> rows, final String[] keys) {
		final SyntheticVolume.Volume v = SyntheticVolume.generate(SLICES, SIDE, SIDE, 31);
		final List<Slice> annotated = new ArrayList<>();
		for (final int z : ANNOTATED)
			annotated.add(new Slice(name(z), v.images()[z], v.labels()[z], SIDE, SIDE));
		final List<Slice> test = new ArrayList<>();
		for (int z = TEST_FROM; z < SLICES; z++)
			test.add(new Slice(name(z), v.images()[z], v.labels()[z], SIDE, SIDE));
		strokesAgainstComplete(dir, annotated, test, 3, 40, rows, keys);
	}

	/** Strokes on 5 SOC slices (1, 26, 51, 76, 101) against their complete labels, tested on slices 251-300. */
	private static void socStrokes(final Path dir, final Path data, final List<String> rows, final String[] keys) {
		final List<Slice> annotated = new ArrayList<>();
		for (int n = 1; n <= 101; n += 25)
			annotated.add(socSlice(data, n));
		final List<Slice> test = new ArrayList<>();
		for (int n = 251; n <= 300; n++)
			test.add(socSlice(data, n));
		strokesAgainstComplete(dir, annotated, test, 5, 60, rows, keys);
	}

	/** @return SOC slice {@code n} (from 1) with its labels */
	static Slice socSlice(final Path data, final int n) {
		try (FileSliceSource im = FileSliceSource.open(data.resolve(String.format(Locale.ROOT,
			"images/SOCprist%04d.tiff", n))); FileSliceSource lb = FileSliceSource.open(data.resolve(String.format(
				Locale.ROOT, "labels/slice__%03d.tif", n))))
		{
			final int w = (int) im.dimensions(0)[0];
			final int h = (int) im.dimensions(0)[1];
			final short[] grey = new short[w * h];
			final byte[] labels = new byte[w * h];
			Pixels.copyToShorts(im.slice(0), grey);
			Pixels.copyToBytes(lb.slice(0), labels);
			return new Slice(String.format(Locale.ROOT, "slice_%03d.tif", n), grey, labels, w, h);
		}
	}

	/** A 16-bit slice and its labels coded 0 / 128 / 255. */
	record Slice(String name, short[] grey, byte[] labels, int width, int height) {}

	/**
	 * Trains on the complete labels of {@code annotated} and on strokes drawn on them ({@code strokes} per
	 * phase of {@code length} steps), and scores both on {@code test}.
	 */
	private static void strokesAgainstComplete(final Path dir, final List<Slice> annotated, final List<Slice> test,
		final int strokes, final int length, final List<String> rows, final String[] keys)
	{
		double share = 0;
		try (TiffSliceSink fullImages = new TiffSliceSink(dir.resolve("complete/images"), 16, true);
			TiffSliceSink fullLabels = new TiffSliceSink(dir.resolve("complete/labels"), 8, true);
			TiffSliceSink strokeImages = new TiffSliceSink(dir.resolve("strokes/images"), 16, true);
			TiffSliceSink strokeLabels = new TiffSliceSink(dir.resolve("strokes/labels"), 8, true);
			TiffSliceSink testImages = new TiffSliceSink(dir.resolve("test/images"), 16, true);
			TiffSliceSink testLabels = new TiffSliceSink(dir.resolve("test/labels"), 8, true))
		{
			int seed = 0;
			for (final Slice a : annotated) {
				final byte[] classes = Scribbles.classesOf(a.labels());
				final byte[] drawn = Scribbles.draw(classes, a.width(), a.height(), 3, strokes, length, seed);
				seed += 4;
				share += Scribbles.annotatedShare(drawn) / annotated.size();
				fullImages.write(ArrayImgs.unsignedShorts(a.grey(), a.width(), a.height()), a.name());
				strokeImages.write(ArrayImgs.unsignedShorts(a.grey(), a.width(), a.height()), a.name());
				fullLabels.write(ArrayImgs.unsignedBytes(Scribbles.complete(classes), a.width(), a.height()), a.name());
				strokeLabels.write(ArrayImgs.unsignedBytes(drawn, a.width(), a.height()), a.name());
			}
			for (final Slice t : test) {
				testImages.write(ArrayImgs.unsignedShorts(t.grey(), t.width(), t.height()), t.name());
				testLabels.write(ArrayImgs.unsignedBytes(Scribbles.complete(Scribbles.classesOf(t.labels())), t.width(),
					t.height()), t.name());
			}
			for (final TiffSliceSink s : List.of(fullImages, fullLabels, strokeImages, strokeLabels, testImages,
				testLabels))
				s.commit();
		}
		System.out.printf(Locale.ROOT, "strokes annotate %.2f%% of the pixels of their %d slices%n", 100 * share,
			annotated.size());
		rows.add(BenchCli.trainAndScore("complete labels of " + annotated.size() + " slices", dir.resolve("complete"),
			dir.resolve("test"), dir, keys));
		rows.add(BenchCli.trainAndScore(String.format(Locale.ROOT, "strokes on the same %d slices (%.2f%% of pixels), " +
			"unlabelled=0", annotated.size(), 100 * share), dir.resolve("strokes"), dir.resolve("test"), dir, concat(keys,
				"unlabelled=0")));
	}

	private static void soc(final Path dir, final Path data, final Path base, final List<String> rows,
		final String[] keys) throws Exception
	{
		// the copy: slices 151-250 to fine-tune on (labels of 151 and 200 only), 251-300 to test on
		for (int n = 151; n <= 300; n++) {
			final Path folder = dir.resolve(n <= 250 ? "tune" : "test");
			final String name = String.format(Locale.ROOT, "slice_%03d.tif", n);
			try (FileSliceSource im = FileSliceSource.open(data.resolve(String.format(Locale.ROOT,
				"images/SOCprist%04d.tiff", n))); TiffSliceSink out = new TiffSliceSink(folder.resolve("images/" + name),
					16, true))
			{
				final float[] grey = Pixels.toFloats(im.slice(0));
				final short[] changed = new short[grey.length];
				for (int i = 0; i < grey.length; i++)
					changed[i] = (short) Math.round(65535 * Math.sqrt(grey[i] / 65535) * 0.6);
				out.write(ArrayImgs.unsignedShorts(changed, im.dimensions(0)[0], im.dimensions(0)[1]), name);
				out.commit();
			}
			if (n > 250 || n == 151 || n == 200) {
				Files.createDirectories(folder.resolve("labels"));
				Files.copy(data.resolve(String.format(Locale.ROOT, "labels/slice__%03d.tif", n)), folder.resolve(
					"labels/" + name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
			}
		}
		rows.add(BenchCli.score("model of slices 1-100, untuned", base, dir.resolve("test"), dir));
		rows.add(BenchCli.trainAndScore("fine-tuned on 2 labelled slices (initial_model=)", dir.resolve("tune"), dir
			.resolve("test"), dir, concat(keys, "initial_model=" + base)));
		rows.add(BenchCli.trainAndScore("trained from scratch on the same 2 slices", dir.resolve("tune"), dir.resolve(
			"test"), dir, keys));
	}

	private static String name(final int z) {
		return String.format(Locale.ROOT, "slice_%03d.tif", z + 1);
	}

	private static String[] concat(final String[] keys, final String... more) {
		final String[] all = Arrays.copyOf(keys, keys.length + more.length);
		System.arraycopy(more, 0, all, keys.length, more.length);
		return all;
	}
}
