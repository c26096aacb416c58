package org.xrayseg.core.micro;

import java.util.ArrayList;
import java.util.List;

import org.xrayseg.core.report.ResultTable;

/**
 * The results tables of Analyze Microstructure: one row per phase, one row per
 * pair of phases (interfaces), and, against a second volume, one row per
 * phase and metric with both values and their difference.
 */
public final class MicrostructureTables {

	/** Metrics that count things: shown as whole numbers */
	private static final java.util.Set<String> COUNTS = java.util.Set.of("voxels", "clusters");

	private MicrostructureTables() {}

	/** @return phase, name, one column per metric, and the length unit */
	public static ResultTable phases(final Measurements m) {
		final List<String> columns = new ArrayList<>(List.of("phase", "name"));
		columns.addAll(m.metrics());
		columns.add("unit");
		final ResultTable t = new ResultTable("Microstructure", columns.toArray(new String[0]));
		final int[] codes = m.codes();
		for (int p = 0; p < codes.length; p++) {
			final List<Object> row = new ArrayList<>(List.of(codes[p], m.names().get(p)));
			for (final String metric : m.metrics())
				row.add(COUNTS.contains(metric) ? (Object) (long) m.valueAt(metric, p) : (Object) m.valueAt(metric, p));
			row.add(m.unit());
			t.add(row.toArray());
		}
		return t;
	}

	/** @return the interfaces between each pair of phases present: area (both estimates) and area per volume */
	public static ResultTable interfaces(final Measurements m) {
		final ResultTable t = new ResultTable("Microstructure interfaces", "phase_a", "name_a", "phase_b", "name_b",
			"area_face_count", "area", "area_per_volume_face_count", "area_per_volume", "unit");
		for (final Measurements.Interface i : m.interfaces())
			t.add(i.phaseA(), name(m, i.phaseA()), i.phaseB(), name(m, i.phaseB()), i.areaFaceCount(), i.area(), i
				.perVolumeFaceCount(), i.perVolume(), m.unit());
		return t;
	}

	/**
	 * @return per phase and metric: the value in {@code labels}, in {@code other}
	 *         and labels - other
	 */
	public static ResultTable comparison(final Measurements labels, final Measurements other) {
		final ResultTable t = new ResultTable("Microstructure comparison", "phase", "name", "metric", "labels",
			"compare_to", "difference");
		final int[] codes = labels.codes();
		for (int p = 0; p < codes.length; p++)
			for (final String metric : labels.metrics()) {
				if ("voxels".equals(metric)) continue;
				final double a = labels.valueAt(metric, p), b = other.value(metric, codes[p]);
				t.add(codes[p], labels.names().get(p), metric, a, b, a - b);
			}
		return t;
	}

	private static String name(final Measurements m, final int code) {
		final int[] codes = m.codes();
		for (int p = 0; p < codes.length; p++)
			if (codes[p] == code) return m.names().get(p);
		return "code " + code;
	}
}
