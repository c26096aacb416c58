package org.xrayseg.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;
import net.imglib2.view.Views;

import org.xrayseg.core.io.SliceSource;
import org.xrayseg.core.io.SliceSources;
import org.xrayseg.core.metrics.ConfusionMatrix;

/**
 * How far a set's labels agree with themselves, as a ceiling for any network
 * trained on them (issue 22): the catalyst's patches include near-identical
 * slices of one tomogram (grey values correlated at 0.985 or more); their
 * labels should be near-identical too. Prints the Dice of each such pair's
 * labels per phase, and the Dice of labelling each {@code validation/} patch
 * with the labels of its most alike {@code train/} patch, pooled, next to a
 * network's labels of the same patches if given. Arguments: the catalyst folder
 * (train/ and validation/, each with images/ and labels/ of codes 0..2),
 * [a folder of a network's labels of validation/images].
 */
public final class LabelConsistencyBench {

	private static final double ALIKE = 0.985;
	private static final int PHASES = 3;

	private record Patch(String name, float[] grey, byte[] labels) {}

	public static void main(final String[] args) {
		final Path root = Path.of(args[0]);
		final List<Patch> train = set(root.resolve("train"));
		final List<Patch> validation = set(root.resolve("validation"));
		final List<Patch> all = new ArrayList<>(train);
		all.addAll(validation);
		System.out.printf(Locale.ROOT, "Pairs of patches whose grey values correlate at %.3f or more, Dice of their " +
			"labels per phase:%n", ALIKE);
		final double[][] r = correlations(all);
		final List<double[]> pairs = new ArrayList<>();
		for (int i = 0; i < all.size(); i++)
			for (int j = i + 1; j < all.size(); j++) {
				if (r[i][j] < ALIKE) continue;
				final ConfusionMatrix m = ConfusionMatrix.of(all.get(i).labels(), all.get(j).labels(), PHASES);
				pairs.add(new double[] { m.dice(0), m.dice(1), m.dice(2) });
				System.out.printf(Locale.ROOT, "  %-28s %-28s r %.3f  %.3f / %.3f / %.3f%n", all.get(i).name(), all.get(j)
					.name(), r[i][j], m.dice(0), m.dice(1), m.dice(2));
			}
		for (int c = 0; c < PHASES; c++) {
			final int phase = c;
			final double[] d = pairs.stream().mapToDouble(p -> p[phase]).filter(Double::isFinite).sorted().toArray();
			System.out.printf(Locale.ROOT, "phase %d over %d pairs: min %.3f, median %.3f, mean %.3f, max %.3f%n", c,
				d.length, d[0], d[d.length / 2], Arrays.stream(d).average().orElse(Double.NaN), d[d.length - 1]);
		}
		final ConfusionMatrix nearest = new ConfusionMatrix(PHASES);
		final ConfusionMatrix network = new ConfusionMatrix(PHASES);
		final List<Patch> predicted = args.length > 1 ? slices(Path.of(args[1])) : null;
		for (int v = 0; v < validation.size(); v++) {
			final Patch p = validation.get(v);
			int best = 0; // all holds train/, then validation/
			for (int t = 1; t < train.size(); t++)
				if (r[train.size() + v][t] > r[train.size() + v][best]) best = t;
			nearest.add(ConfusionMatrix.of(p.labels(), train.get(best).labels(), PHASES));
			if (predicted != null) network.add(ConfusionMatrix.of(p.labels(), predicted.get(v).labels(), PHASES));
		}
		System.out.printf(Locale.ROOT, "validation/ labelled with the labels of its most alike train/ patch, " +
			"pooled Dice: %.4f / %.4f / %.4f%n", nearest.dice(0), nearest.dice(1), nearest.dice(2));
		if (predicted != null) System.out.printf(Locale.ROOT, "the network's labels (%s), pooled Dice: " +
			"%.4f / %.4f / %.4f%n", args[1], network.dice(0), network.dice(1), network.dice(2));
	}

	private static List<Patch> set(final Path set) {
		final List<Patch> labels = slices(set.resolve("labels"));
		final List<Patch> images = slices(set.resolve("images"));
		final List<Patch> out = new ArrayList<>();
		for (int i = 0; i < images.size(); i++)
			out.add(new Patch(set.getFileName() + "/" + images.get(i).name(), images.get(i).grey(), labels.get(i)
				.labels()));
		return out;
	}

	/** @return the slices of a folder, each as grey values and as codes 0..2 */
	private static List<Patch> slices(final Path folder) {
		final List<Patch> out = new ArrayList<>();
		try (SliceSource s = SliceSources.open(folder, null, null)) {
			for (int i = 0; i < s.size(); i++) {
				final RandomAccessibleInterval<? extends RealType<?>> slice = s.slice(i);
				final float[] grey = new float[(int) Views.iterable(slice).size()];
				final byte[] codes = new byte[grey.length];
				int k = 0;
				for (final RealType<?> t : Views.flatIterable(slice)) {
					grey[k] = t.getRealFloat();
					codes[k++] = (byte) Math.min(PHASES - 1, Math.round(t.getRealFloat()));
				}
				out.add(new Patch(s.fileName(i), grey, codes));
			}
		}
		return out;
	}

	/** @return Pearson's correlation of the grey values of every pair of patches */
	private static double[][] correlations(final List<Patch> patches) {
		final double[][] r = new double[patches.size()][patches.size()];
		for (int i = 0; i < patches.size(); i++)
			for (int j = i + 1; j < patches.size(); j++)
				r[i][j] = r[j][i] = correlation(patches.get(i).grey(), patches.get(j).grey());
		return r;
	}

	private static double correlation(final float[] a, final float[] b) {
		double ma = 0, mb = 0;
		for (int i = 0; i < a.length; i++) {
			ma += a[i];
			mb += b[i];
		}
		ma /= a.length;
		mb /= b.length;
		double ab = 0, aa = 0, bb = 0;
		for (int i = 0; i < a.length; i++) {
			ab += (a[i] - ma) * (b[i] - mb);
			aa += (a[i] - ma) * (a[i] - ma);
			bb += (b[i] - mb) * (b[i] - mb);
		}
		return ab / Math.sqrt(aa * bb);
	}
}
