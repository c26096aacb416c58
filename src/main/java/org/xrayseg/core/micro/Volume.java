package org.xrayseg.core.micro;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.xrayseg.core.error.InvalidInputException;
import org.xrayseg.core.io.SliceSource;
import org.xrayseg.core.io.VoxelSize;
import org.xrayseg.core.micro.thickness.LocalThickness;
import org.xrayseg.core.micro.thickness.ThicknessDistribution;
import org.xrayseg.core.micro.thickness.ThicknessSettings;
import org.xrayseg.core.micro.tortuosity.TortuosityResult;
import org.xrayseg.core.micro.volume.LabelVolume;
import org.xrayseg.core.progress.ProgressListener;
import org.xrayseg.core.report.LinePlot;

/** One label volume of Analyze Microstructure, measured: its region, voxel size and every measure's counts. */
final class Volume {

	private final String name;
	private final Region region;
	private final VoxelSize voxelSize;
	private final VolumeScan scan;
	private String legend;
	/** Voxels up to which the local thickness is measured everywhere, and measured in a sample of beyond */
	static final long SIZE_SAMPLE = 1L << 27;
	private final Map<Integer, ThicknessDistribution> sizes = new TreeMap<>();
	private Map<Integer, TortuosityResult[]> tortuosity = Map.of();

	private Volume(final String name, final Region region, final VoxelSize voxelSize, final VolumeScan scan) {
		this.name = name;
		this.region = region;
		this.voxelSize = voxelSize;
		this.scan = scan;
	}

	/** Measures the region of {@code source} that {@code r} asks for. */
	static Volume measure(final SliceSource source, final MicrostructureRequest r, final ProgressListener progress) {
		requireContiguous(source);
		final int[] size = SliceLabelVolume.sliceSize(source);
		final Region region = Region.parse(r.region(), size[0], size[1], source.indexInWhole(0), source.size());
		final SliceLabelVolume volume = new SliceLabelVolume(source, region);
		final VoxelSize voxel = MicrostructureRun.voxelSize(r, source);
		if (r.tortuosity()) TortuosityStep.checkMemory(volume, progress);
		final VolumeScan scan = VolumeScan.run(volume, r.connectivity(), volume::describe, progress.slice(0, 300, 1000));
		final Volume v = new Volume(source.name(), region, voxel, scan);
		v.legend = source.phaseLegend();
		if (r.thickness()) v.measureSizes(volume, progress.slice(300, 300, 1000));
		if (r.tortuosity()) v.tortuosity = TortuosityStep.solve(volume, v.codes(), voxel, r.periodic(), progress.slice(
			600, 400, 1000));
		return v;
	}

	/**
	 * The local thickness of every phase: exact in regions of up to
	 * {@link #SIZE_SAMPLE} voxels, in an even spread of blocks holding about as
	 * many voxels beyond (the distribution of a sample of 10^8 voxels).
	 */
	private void measureSizes(final LabelVolume volume, final ProgressListener progress) {
		final int[] codes = codes();
		final int every = LocalThickness.sampleEvery(volume.voxels(), SIZE_SAMPLE);
		for (int p = 0; p < codes.length; p++)
			sizes.put(codes[p], LocalThickness.measure(volume, codes[p], voxelSize.x(), voxelSize.y(), voxelSize.z(),
				ThicknessSettings.defaults(), every, progress.slice(1000L * p, 1000, 1000L * codes.length)));
	}

	private static void requireContiguous(final SliceSource source) {
		for (int i = 1; i < source.size(); i++)
			if (source.indexInWhole(i) != source.indexInWhole(i - 1) + 1) throw new InvalidInputException("slices= must " +
				"be one range of neighbouring slices for Analyze Microstructure (e.g. 101-200), as faces, boundaries " +
				"and clusters join neighbouring slices: " + source.describe(i - 1) + " is followed by " + source.describe(
					i));
	}

	/** @return the phase legend stored with the labels (by Segment), or null */
	String legend() {
		return legend;
	}

	/** @return the label codes found, increasing */
	int[] codes() {
		final int[] order = scan.phases.byCode();
		final int[] codes = new int[order.length];
		for (int i = 0; i < codes.length; i++)
			codes[i] = scan.phases.code(order[i]);
		return codes;
	}

	Measurements measurements(final int[] codes, final List<String> names) {
		final Measurements m = StreamedMetrics.of(scan, codes, names, voxelSize);
		if (!tortuosity.isEmpty()) {
			for (int d = 0; d < 3; d++) {
				final int axis = d;
				m.put("tortuosity_" + "xyz".charAt(d), eachDirection(codes, axis, TortuosityResult::tau));
				m.put("effective_diffusivity_" + "xyz".charAt(d), eachDirection(codes, axis,
					TortuosityResult::effectiveDiffusivity));
			}
		}
		if (!sizes.isEmpty()) {
			m.put("thickness_mean", each(codes, d -> d.mean()));
			m.put("thickness_median", each(codes, d -> d.median()));
			m.put("thickness_capped_fraction", each(codes, d -> d.voxels() == 0 ? Double.NaN : d.cappedShare()));
			final double[] sampled = each(codes, d -> d.voxels());
			for (int p = 0; p < codes.length; p++)
				sampled[p] = m.valueAt("voxels", p) == 0 ? Double.NaN : sampled[p] / m.valueAt("voxels", p);
			m.put("thickness_sampled_fraction", sampled);
		}
		return m;
	}

	private double[] each(final int[] codes, final java.util.function.ToDoubleFunction<ThicknessDistribution> f) {
		final double[] v = new double[codes.length];
		for (int p = 0; p < codes.length; p++) {
			final ThicknessDistribution d = sizes.get(codes[p]);
			v[p] = d == null ? Double.NaN : f.applyAsDouble(d);
		}
		return v;
	}

	private double[] eachDirection(final int[] codes, final int axis,
		final java.util.function.ToDoubleFunction<TortuosityResult> f)
	{
		final double[] v = new double[codes.length];
		for (int p = 0; p < codes.length; p++) {
			final TortuosityResult[] xyz = tortuosity.get(codes[p]);
			v[p] = xyz == null ? Double.NaN : f.applyAsDouble(xyz[axis]);
		}
		return v;
	}

	/** @return the size distributions' plots (histogram, cumulative), empty where they were not computed */
	List<LinePlot> sizes(final int[] codes, final List<String> names) {
		return SizePlots.of(sizes, codes, names, voxelSize.isKnown() ? voxelSize.unit() : "voxel");
	}

	void requireSameShape(final Volume other) {
		if (other.scan.width != scan.width || other.scan.height != scan.height || other.scan.depth != scan.depth)
			throw new InvalidInputException("compare_to= must be a label volume of the same size: " + other.name +
				" gives " + other.scan.width + " x " + other.scan.height + " x " + other.scan.depth + " voxels in region " +
				other.region.text() + ", " + name + " gives " + scan.width + " x " + scan.height + " x " + scan.depth);
	}
}
