package org.xrayseg.core.micro;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.xrayseg.core.io.VoxelSize;

/**
 * What Analyze Microstructure measured in one label volume: per phase (in
 * increasing order of label code) a value of every metric, named in
 * snake_case as the table's columns, and per pair of phases the area of their
 * interface. Lengths are in {@link #unit()}: the voxel size's unit, or
 * "voxel" where the size is not known.
 */
public final class Measurements {

	/** The area of the interface between two phases (both estimates), and per volume. */
	public record Interface(int phaseA, int phaseB, double areaFaceCount, double area, double perVolumeFaceCount,
		double perVolume)
	{}

	private final int[] codes;
	private final List<String> names;
	private final VoxelSize voxelSize;
	private final Map<String, double[]> metrics = new LinkedHashMap<>();
	private final List<Interface> interfaces = new ArrayList<>();

	Measurements(final int[] codes, final List<String> names, final VoxelSize voxelSize) {
		this.codes = codes.clone();
		this.names = List.copyOf(names);
		this.voxelSize = voxelSize;
	}

	/** Sets {@code metric} of every phase (in the order of the codes). */
	void put(final String metric, final double[] values) {
		if (values.length != codes.length) throw new IllegalArgumentException(metric);
		metrics.put(metric, values.clone());
	}

	void add(final Interface pair) {
		interfaces.add(pair);
	}

	/** @return the label codes, increasing */
	public int[] codes() {
		return codes.clone();
	}

	public List<String> names() {
		return names;
	}

	public VoxelSize voxelSize() {
		return voxelSize;
	}

	/** @return the length unit of every figure: e.g. "µm", or "voxel" for an uncalibrated volume */
	public String unit() {
		return voxelSize.isKnown() ? voxelSize.unit() : "voxel";
	}

	/** @return the metric names, in table order */
	public List<String> metrics() {
		return List.copyOf(metrics.keySet());
	}

	/** @return the value of {@code metric} for the phase of code {@code code} (NaN if the phase is absent) */
	public double value(final String metric, final int code) {
		final double[] v = metrics.get(metric);
		if (v == null) throw new IllegalArgumentException("No metric " + metric);
		for (int p = 0; p < codes.length; p++)
			if (codes[p] == code) return v[p];
		return Double.NaN;
	}

	/** @return the value of {@code metric} for the phase at {@code index} in code order */
	public double valueAt(final String metric, final int index) {
		return metrics.get(metric)[index];
	}

	public List<Interface> interfaces() {
		return Collections.unmodifiableList(interfaces);
	}
}
