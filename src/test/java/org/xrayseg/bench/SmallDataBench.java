package org.xrayseg.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.xrayseg.core.model.CrossValidation;
import org.xrayseg.core.model.ModelFile;
import org.xrayseg.core.model.ModelMetadata;

/**
 * Issue 22: the defaults on small and mixed labelled sets, seed 1, as a user
 * runs them (bin/xrayseg train-unet, segment, evaluate):
 * <ul>
 * <li>{@code catalyst}: the electron-tomography patches with 0.3% platinum, trained on train/, tested on
 * validation/ as if unseen;</li>
 * <li>{@code soc10}: SOC slices 1, 11, ..., 91, tested on 251-300, the defaults against the earlier fixed
 * schedule (15 epochs of 60 steps);</li>
 * <li>{@code soc100}: SOC slices 1-100, validated on 101-150, tested on 251-300.</li>
 * </ul>
 * Prints one row per setting (training seconds, test Dice per phase, mean) and, for an ensemble, the
 * cross-validated Dice it estimated before seeing the test slices. Extra keys for every training follow
 * the parts, e.g. {@code soc10 folds=5}.
 * Usage: SmallDataBench SHARED_DATA_DIR OUT_DIR PART[,PART...] [KEY=VALUE ...]
 */
public final class SmallDataBench {

	public static void main(final String[] args) throws Exception {
		final Path data = Paths.get(args[0]);
		final Path dir = Files.createDirectories(Paths.get(args[1]));
		final List<String> keys = List.of(args).subList(3, args.length);
		final List<String> rows = new ArrayList<>();
		for (final String part : args[2].split(",")) {
			switch (part) {
				case "catalyst" -> {
					final Path c = data.resolve("catalyst");
					rows.add(train("catalyst, defaults", c.resolve("train"), c.resolve("validation"), dir, keys));
				}
				case "soc10" -> {
					final Path soc = data.resolve("soc");
					final Path train = link(soc, dir.resolve("soc-every-10th"), 1, 91, 10);
					final Path test = link(soc, dir.resolve("soc-test"), 251, 300, 1);
					rows.add(train("soc 10 slices, defaults", train, test, dir, keys));
					final List<String> fixed = new ArrayList<>(keys);
					fixed.addAll(List.of("epochs=15", "steps_per_epoch=60"));
					rows.add(train("soc 10 slices, fixed schedule 15 x 60", train, test, dir, fixed));
				}
				case "soc100" -> {
					final Path soc = data.resolve("soc");
					final Path validation = link(soc, dir.resolve("soc-validation"), 101, 150, 1);
					final List<String> withValidation = new ArrayList<>(keys);
					withValidation.addAll(List.of("validation_images=" + validation.resolve("images"),
						"validation_labels=" + validation.resolve("labels")));
					rows.add(train("soc 100 slices, defaults", link(soc, dir.resolve("soc-1-100"), 1, 100, 1), link(soc,
						dir.resolve("soc-test"), 251, 300, 1), dir, withValidation));
				}
				default -> throw new IllegalArgumentException("Unknown part " + part);
			}
		}
		System.out.println("\nsetting (training time) | test Dice per phase | mean | cross-validated Dice per phase");
		rows.forEach(System.out::println);
	}

	private static String train(final String setting, final Path train, final Path test, final Path dir,
		final List<String> keys)
	{
		final String row = BenchCli.trainAndScore(setting, train, test, dir, keys.toArray(new String[0]));
		final ModelMetadata m = ModelFile.readMetadata(dir.resolve(setting.replaceAll("\\W+", "-") + ".xrsm"));
		final CrossValidation cv = m.crossValidation();
		final StringBuilder b = new StringBuilder(row).append(" |");
		if (cv == null) return b.append(" (one network: ").append(m.plan().steps()).append(" steps)").toString();
		for (final double d : cv.diceMean())
			b.append(String.format(Locale.ROOT, " %.4f", d));
		return b.append(String.format(Locale.ROOT, " (%d networks of %d steps)", cv.folds(), m.plan().steps()))
			.toString();
	}

	/** Links SOC slices first, first + step, ... last into FOLDER/images and FOLDER/labels. */
	private static Path link(final Path soc, final Path folder, final int first, final int last, final int step)
		throws Exception
	{
		for (final String sub : new String[] { "images", "labels" })
			Files.createDirectories(folder.resolve(sub));
		for (int n = first; n <= last; n += step) {
			link(soc.resolve(String.format(Locale.ROOT, "images/SOCprist%04d.tiff", n)), folder.resolve("images"));
			link(soc.resolve(String.format(Locale.ROOT, "labels/slice__%03d.tif", n)), folder.resolve("labels"));
		}
		return folder;
	}

	private static void link(final Path file, final Path folder) throws Exception {
		final Path link = folder.resolve(file.getFileName());
		if (!Files.exists(link)) Files.createSymbolicLink(link, file.toAbsolutePath());
	}
}
