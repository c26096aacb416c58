package org.xrayseg.core.micro;

import java.io.File;
import java.util.List;

import org.xrayseg.core.io.SliceInput;

/**
 * What a user asks Analyze Microstructure for: the label volume (with its
 * slices), the region, phase names, voxel size, the options of the measures,
 * an optional second volume to compare with, and where to save the results.
 *
 * @param labels the label volume (file, folder, HDF5 dataset or open image), with slices= if any
 * @param region "x0,y0,z0,x1,y1,z1" or blank for the whole
 * @param names class_names: one name per code or code:name pairs; empty for "code N"
 * @param voxelSize voxel_size= text, or blank for the volume's own calibration
 * @param connectivity 6 or 26
 * @param periodic periodic side faces for the tortuosity
 * @param tortuosity whether to compute the tortuosity factor (holds the region in memory)
 * @param thickness whether to compute the size distribution (local thickness)
 * @param compareTo a second label volume of the same size, or an input that is not given
 * @param table CSV of the phase table, or null
 * @param interfaceTable CSV of the interface table, or null
 * @param comparisonTable CSV of the comparison, or null
 * @param plot PNG of the size distributions, or null
 */
public record MicrostructureRequest(SliceInput labels, String region, List<String> names, String voxelSize,
	int connectivity, boolean periodic, boolean tortuosity, boolean thickness, SliceInput compareTo, File table,
	File interfaceTable, File comparisonTable, File plot, boolean overwrite)
{

	public MicrostructureRequest {
		names = names == null ? List.of() : List.copyOf(names);
	}

	/** @return a request for {@code labels} with the defaults and no output files */
	public static MicrostructureRequest of(final SliceInput labels) {
		return new MicrostructureRequest(labels, "", List.of(), "", 6, false, true, true, null, null, null, null, null,
			false);
	}

	public MicrostructureRequest withRegion(final String text) {
		return new MicrostructureRequest(labels, text, names, voxelSize, connectivity, periodic, tortuosity, thickness,
			compareTo, table, interfaceTable, comparisonTable, plot, overwrite);
	}

	public MicrostructureRequest withOptions(final int newConnectivity, final boolean newPeriodic,
		final boolean newTortuosity, final boolean newThickness)
	{
		return new MicrostructureRequest(labels, region, names, voxelSize, newConnectivity, newPeriodic, newTortuosity,
			newThickness, compareTo, table, interfaceTable, comparisonTable, plot, overwrite);
	}

	public MicrostructureRequest withNames(final List<String> newNames, final String newVoxelSize) {
		return new MicrostructureRequest(labels, region, newNames, newVoxelSize, connectivity, periodic, tortuosity,
			thickness, compareTo, table, interfaceTable, comparisonTable, plot, overwrite);
	}

	public MicrostructureRequest comparedTo(final SliceInput other) {
		return new MicrostructureRequest(labels, region, names, voxelSize, connectivity, periodic, tortuosity, thickness,
			other, table, interfaceTable, comparisonTable, plot, overwrite);
	}

	public MicrostructureRequest savingTo(final File newTable, final File newInterfaceTable,
		final File newComparisonTable, final File newPlot, final boolean newOverwrite)
	{
		return new MicrostructureRequest(labels, region, names, voxelSize, connectivity, periodic, tortuosity, thickness,
			compareTo, newTable, newInterfaceTable, newComparisonTable, newPlot, newOverwrite);
	}
}
