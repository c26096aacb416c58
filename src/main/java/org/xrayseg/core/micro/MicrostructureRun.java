package org.xrayseg.core.micro;

import java.io.File;
import java.util.List;
import java.util.stream.IntStream;

import org.xrayseg.core.error.InvalidInputException;
import org.xrayseg.core.io.AtomicOutput;
import org.xrayseg.core.io.SliceInput;
import org.xrayseg.core.io.SliceSource;
import org.xrayseg.core.io.VoxelSize;
import org.xrayseg.core.progress.ProgressListener;
import org.xrayseg.core.report.LinePlot;
import org.xrayseg.core.report.ResultTable;

/**
 * The whole of "Analyze Microstructure": opens the label volume (and the one
 * to compare with), measures the region, and saves the tables and the plot
 * only once everything is measured, so that a failed or cancelled run leaves
 * no partial file.
 */
public final class MicrostructureRun {

	private MicrostructureRun() {}

	public static MicrostructureReport run(final MicrostructureRequest r, final ProgressListener progress) {
		if (r.connectivity() != 6 && r.connectivity() != 26) throw new InvalidInputException("connectivity must be 6 " +
			"or 26, not " + r.connectivity());
		for (final File out : new File[] { r.table(), r.interfaceTable(), r.comparisonTable(), r.plot() }) {
			if (out == null) continue;
			SliceInput.requireNotInput(out.toPath(), r.labels(), r.compareTo());
			AtomicOutput.file(out.toPath(), r.overwrite()).close();
		}
		final boolean comparing = r.compareTo() != null && r.compareTo().isGiven();
		if (r.comparisonTable() != null && !comparing) throw new InvalidInputException(
			"comparison_table= needs compare_to=, the label volume to compare with");
		final Volume labels, other;
		final int parts = comparing ? 2 : 1;
		try (SliceSource a = r.labels().open(); SliceSource b = comparing ? r.compareTo().withSlices(r.labels()
			.slices()).open() : null)
		{
			// before any measuring: a volume of another size fails at once, not after both are measured
			if (b != null) Volume.requireSameShape(a, b, r);
			labels = Volume.measure(a, r, progress.slice(0, 1000, 1000L * parts));
			other = b == null ? null : Volume.measure(b, r, progress.slice(1000, 1000, 1000L * parts));
		}
		final int[] found = IntStream.concat(IntStream.of(labels.codes()), other == null ? IntStream.empty()
			: IntStream.of(other.codes())).distinct().sorted().toArray();
		final List<String> given = !r.names().isEmpty() ? r.names() : PhaseNames.fromLegend(labels.legend() != null
			? labels.legend() : other == null ? null : other.legend(), found);
		final int[] codes = PhaseNames.codes(found, given);
		final List<String> names = PhaseNames.of(codes, given);
		final Measurements m = labels.measurements(codes, names);
		final Measurements o = other == null ? null : other.measurements(codes, names);
		final MicrostructureReport report = new MicrostructureReport(m, o, MicrostructureTables.phases(m),
			MicrostructureTables.interfaces(m), o == null ? null : MicrostructureTables.comparison(m, o), labels.sizes(
				codes, names, m.unit()));
		save(report, r);
		return report;
	}

	private static void save(final MicrostructureReport report, final MicrostructureRequest r) {
		write(report.phases(), r.table(), r.overwrite());
		write(report.interfaces(), r.interfaceTable(), r.overwrite());
		write(report.comparison(), r.comparisonTable(), r.overwrite());
		if (r.plot() != null && !report.sizes().isEmpty()) LinePlot.writePng(report.sizes(), 800, 400, r.plot()
			.toPath(), r.overwrite());
	}

	private static void write(final ResultTable table, final File file, final boolean overwrite) {
		if (table != null && file != null) table.writeCsv(file.toPath(), overwrite);
	}

	/** @return the voxel size the user gave, else the one stored with the labels */
	static VoxelSize voxelSize(final MicrostructureRequest r, final SliceSource labels) {
		final VoxelSize given = VoxelSize.parse(r.voxelSize());
		return given != null ? given : labels.voxelSize();
	}
}
