package org.xrayseg.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The SOC volume with the default settings only (issue 14): train on slices
 * 1-100, validate on 101-150, test on 251-300; with and without 2.5D context
 * and test-time augmentation. Prints the test Dice and the training time of
 * each. The defaults see one neighbouring slice on each side here
 * (context_slices=auto finds a volume); context_slices=0 is the 2D network.
 * Usage: SocDefaultsBench DATA FOLDER
 */
public final class SocDefaultsBench {

	public static void main(final String[] args) throws Exception {
		final Path data = Paths.get(args[0]);
		final Path dir = Files.createDirectories(Paths.get(args[1]));
		split(data, dir.resolve("train"), 1, 100);
		split(data, dir.resolve("validation"), 101, 150);
		split(data, dir.resolve("test"), 251, 300);
		final List<String> rows = new ArrayList<>();
		final String[] validation = { "validation_images=" + dir.resolve("validation/images"), "validation_labels=" +
			dir.resolve("validation/labels") };
		rows.add(BenchCli.trainAndScore("defaults", dir.resolve("train"), dir.resolve("test"), dir, validation));
		rows.add(BenchCli.score("defaults, tta=true", dir.resolve("defaults.xrsm"), dir.resolve("test"), dir,
			"tta=true"));
		final String[] flat = { validation[0], validation[1], "context_slices=0" };
		rows.add(BenchCli.trainAndScore("context_slices=0", dir.resolve("train"), dir.resolve("test"), dir, flat));
		rows.add(BenchCli.score("context_slices=0, tta=true", dir.resolve("context_slices-0.xrsm"), dir.resolve(
			"test"), dir, "tta=true"));
		System.out.println("\nsetting | test Dice per phase | mean");
		rows.forEach(System.out::println);
	}

	/** Links slices first..last of the SOC data into FOLDER/images and FOLDER/labels. */
	private static void split(final Path data, final Path folder, final int first, final int last) throws Exception {
		for (final String sub : new String[] { "images", "labels" })
			Files.createDirectories(folder.resolve(sub));
		for (int n = first; n <= last; n++) {
			link(data.resolve(String.format(Locale.ROOT, "images/SOCprist%04d.tiff", n)), folder.resolve("images"));
			link(data.resolve(String.format(Locale.ROOT, "labels/slice__%03d.tif", n)), folder.resolve("labels"));
		}
	}

	private static void link(final Path file, final Path folder) throws Exception {
		final Path link = folder.resolve(file.getFileName());
		if (!Files.exists(link)) Files.createSymbolicLink(link, file.toAbsolutePath());
	}
}
