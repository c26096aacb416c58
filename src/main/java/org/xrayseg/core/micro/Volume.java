package org.xrayseg.core.micro;

import java.util.List;

import org.xrayseg.core.error.InvalidInputException;
import org.xrayseg.core.io.SliceSource;
import org.xrayseg.core.io.VoxelSize;
import org.xrayseg.core.progress.ProgressListener;
import org.xrayseg.core.report.LinePlot;

/** One label volume of Analyze Microstructure, measured: its region, voxel size and every measure's counts. */
final class Volume {

	private final String name;
	private final Region region;
	private final VoxelSize voxelSize;
	private final VolumeScan scan;

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
		final VolumeScan scan = VolumeScan.run(volume, r.connectivity(), volume::describe, progress);
		return new Volume(source.name(), region, voxel, scan);
	}

	private static void requireContiguous(final SliceSource source) {
		for (int i = 1; i < source.size(); i++)
			if (source.indexInWhole(i) != source.indexInWhole(i - 1) + 1) throw new InvalidInputException("slices= must " +
				"be one range of neighbouring slices for Analyze Microstructure (e.g. 101-200), as faces, boundaries " +
				"and clusters join neighbouring slices: " + source.describe(i - 1) + " is followed by " + source.describe(
					i));
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
		return StreamedMetrics.of(scan, codes, names, voxelSize);
	}

	/** @return the size distributions' plot, or null where they were not computed */
	LinePlot sizes(final int[] codes, final List<String> names) {
		return null;
	}

	void requireSameShape(final Volume other) {
		if (other.scan.width != scan.width || other.scan.height != scan.height || other.scan.depth != scan.depth)
			throw new InvalidInputException("compare_to= must be a label volume of the same size: " + other.name +
				" gives " + other.scan.width + " x " + other.scan.height + " x " + other.scan.depth + " voxels in region " +
				other.region.text() + ", " + name + " gives " + scan.width + " x " + scan.height + " x " + scan.depth);
	}
}
