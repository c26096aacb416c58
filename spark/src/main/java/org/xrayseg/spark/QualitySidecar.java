package org.xrayseg.spark;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;

import org.xrayseg.core.data.LabelCoding;
import org.xrayseg.core.error.SegmentationException;
import org.xrayseg.core.infer.QualityTable;
import org.xrayseg.core.infer.SliceQuality;
import org.xrayseg.core.model.ModelMetadata;
import org.xrayseg.core.report.LinePlot;

/**
 * The quality estimate of a volume segmented by many tasks: each task leaves
 * one hidden line per slice in the volume's partial folder (its estimated
 * Dice per phase, uncertain share and grey-value flag), written before the
 * label slice, so that a slice kept from a lost task or an earlier run has
 * its line too; when the volume is complete, the driver reads them in slice
 * order and writes {@code OUTPUT-quality.csv} and its plot beside the output,
 * as Segment's {@code quality=} does.
 */
final class QualitySidecar {

	private QualitySidecar() {}

	private static Path line(final Path output, final String name) {
		return PartialOutput.of(output).resolve(".quality-" + name + ".txt");
	}

	/** Writes the line of slice {@code name} (atomically, as the label slices are). */
	static void write(final Path output, final String name, final SliceQuality q, final boolean unlike) {
		final StringBuilder sb = new StringBuilder(unlike ? "unlike" : "like");
		sb.append(' ').append(q.uncertain());
		for (final double d : q.dice())
			sb.append(' ').append(d);
		final Path file = line(output, name);
		// the driver has already committed the volume: a late speculative copy writes nothing
		if (!Files.isDirectory(file.getParent())) return;
		final Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
		try {
			Files.writeString(temporary, sb.toString(), StandardCharsets.UTF_8);
			Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (final IOException e) {
			throw new UncheckedIOException("Could not write " + file + ": " + e.getMessage(), e);
		}
	}

	/** @return the volume's quality estimate from the lines of its slices, in the order of {@code names} */
	static QualityTable read(final Path output, final String[] names, final ModelMetadata model) {
		final LabelCoding coding = model.coding();
		final QualityTable table = new QualityTable(coding, model.probabilityCalibration().shifts() != null);
		for (final String name : names) {
			final Path file = line(output, name);
			try {
				final String[] f = Files.readString(file, StandardCharsets.UTF_8).trim().split(" ");
				final double[] dice = new double[f.length - 2];
				for (int c = 0; c < dice.length; c++)
					dice[c] = Double.parseDouble(f[c + 2]);
				table.add(name, new SliceQuality(dice, Double.parseDouble(f[1])), f[0].equals("unlike"));
			}
			catch (final IOException | RuntimeException e) {
				throw new SegmentationException("The quality estimate of " + name + " in " + output + " is missing or " +
					"damaged (" + e.getMessage() + "): run the job again", e);
			}
		}
		return table;
	}

	/** Writes OUTPUT-quality.csv and OUTPUT-quality.png beside the output and prints the summary. */
	static void writeTable(final Path output, final QualityTable table, final boolean overwrite,
		final PrintStream log)
	{
		final Path csv = output.resolveSibling(output.getFileName() + "-quality.csv");
		table.table().writeCsv(csv, overwrite);
		LinePlot.writePng(List.of(table.plot()), 800, 350, output.resolveSibling(output.getFileName() +
			"-quality.png"), overwrite);
		log.println(String.format(Locale.ROOT, "%s: %s (%s)", output, table.summary(), csv.getFileName()));
	}
}
