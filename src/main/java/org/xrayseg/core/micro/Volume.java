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

/** One label volume of Analyze Microstructure, measured: its voxel size and every measure's counts. */
final class Volume {

	private final VoxelSize voxelSize;
	private final VolumeScan scan;
	private String legend;
	/** Voxels up to which the local thickness is measured everywhere, and measured in a sample of beyond */
	static final long SIZE_SAMPLE = 1L << 27;
	private final Map<Integer, ThicknessDistribution> sizes = new TreeMap<>();
	private Map<Integer, TortuosityResult[]> tortuosity = Map.of();

	private Volume(final VoxelSize voxelSize, final VolumeScan scan) {
		this.voxelSize = voxelSize;
		this.scan = scan;
	}

	/** Measures the region of {@code source} that {@code r} asks for. */
	static Volume measure(final SliceSource source, final MicrostructureRequest r, final ProgressListener progress) {
		requireContiguous(source);
		final Region region = region(source, r);
		final SliceLabelVolume volume = new SliceLabelVolume(source, region);
		final VoxelSize voxel = MicrostructureRun.voxelSize(r, source);
		if (r.tortuosity()) TortuosityStep.checkMemory(volume, progress);
		final VolumeScan scan = VolumeScan.run(volume, r.connectivity(), volume::describe, progress.slice(0, 300, 1000));
		final Volume v = new Volume(voxel, scan);
		v.legend = source.phaseLegend();
		if (r.thickness()) v.measureSizes(volume, progress.slice(300, 300, 1000));
		if (r.tortuosity()) v.tortuosity = TortuosityStep.solve(volume, v.codes(), voxel, r.periodic(), progress.slice(
			600, 400, 1000));
		return v;
	}

	private static Region region(final SliceSource source, final MicrostructureRequest r) {
		final int[] size = SliceLabelVolume.sliceSize(source);
		return Region.parse(r.region(), size[0], size[1], source.indexInWhole(0), source.size());
	}

	/**
	 * The local thickness of every phase: exact in regions of up to
	 * {@link #SIZE_SAMPLE} voxels, in an even spread of blocks holding about as
	 * many voxels beyond.
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
				m.put("tortuosity_" + "xyz".charAt(d), perPhase(tortuosity, codes, xyz -> xyz[axis].tau()));
				m.put("effective_diffusivity_" + "xyz".charAt(d), perPhase(tortuosity, codes, xyz -> xyz[axis]
					.effectiveDiffusivity()));
			}
		}
		if (!sizes.isEmpty()) {
			m.put("thickness_mean", perPhase(sizes, codes, ThicknessDistribution::mean));
			m.put("thickness_median", perPhase(sizes, codes, ThicknessDistribution::median));
			m.put("thickness_capped_fraction", perPhase(sizes, codes, d -> d.voxels() == 0 ? Double.NaN : d
				.cappedShare()));
			final double[] sampled = perPhase(sizes, codes, ThicknessDistribution::voxels);
			for (int p = 0; p < codes.length; p++)
				sampled[p] = m.valueAt("voxels", p) == 0 ? Double.NaN : sampled[p] / m.valueAt("voxels", p);
			m.put("thickness_sampled_fraction", sampled);
		}
		return m;
	}

	/** @return {@code f} of each code's result, NaN where a phase has none (absent from this volume) */
	private static <T> double[] perPhase(final Map<Integer, T> results, final int[] codes,
		final java.util.function.ToDoubleFunction<T> f)
	{
		final double[] v = new double[codes.length];
		for (int p = 0; p < codes.length; p++) {
			final T result = results.get(codes[p]);
			v[p] = result == null ? Double.NaN : f.applyAsDouble(result);
		}
		return v;
	}

	/**
	 * @param unit the length unit of the measurements ({@link Measurements#unit()})
	 * @return the size distributions' plots (histogram, cumulative), empty where they were not computed
	 */
	List<LinePlot> sizes(final int[] codes, final List<String> names, final String unit) {
		return SizePlots.of(sizes, codes, names, unit);
	}

	/** Throws unless the region {@code r} asks for has one size in {@code labels} and {@code other}. */
	static void requireSameShape(final SliceSource labels, final SliceSource other, final MicrostructureRequest r) {
		final Region a = region(labels, r), b = region(other, r);
		if (a.width() != b.width() || a.height() != b.height() || a.depth() != b.depth())
			throw new InvalidInputException("compare_to= must be a label volume of the same size: " + other.name() +
				" gives " + b.width() + " x " + b.height() + " x " + b.depth() + " voxels in region " + b.text() + ", " +
				labels.name() + " gives " + a.width() + " x " + a.height() + " x " + a.depth());
	}
}
