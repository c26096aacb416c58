package org.xrayseg.core.io;

import java.util.ArrayList;
import java.util.List;

import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfException;

/**
 * Finding the volume in an HDF5 file, and its voxel size. Without a dataset
 * path the volume is DXchange's {@code /exchange/data}, else the file's only 3D
 * dataset. The voxel size is read, where present, from the dataset's
 * {@code element_size_um} attribute (z, y, x in µm, as Fiji's HDF5 plugin and
 * ilastik write it), else from DXchange's
 * {@code /measurement/instrument/detector/actual_pixel_size_x} and {@code _y}
 * (their {@code units} attribute, else µm; slices as thick as pixels are wide).
 */
final class Hdf5Datasets {

	static final String DXCHANGE = "/exchange/data";
	private static final String DXCHANGE_PIXEL = "/measurement/instrument/detector/actual_pixel_size_";
	private static final int LISTED = 10;

	private Hdf5Datasets() {}

	/** @return the paths of all 3D datasets under {@code group}, links not followed */
	static List<String> volumes(final Group group) {
		final List<String> found = new ArrayList<>();
		collect(group, found);
		return found;
	}

	private static void collect(final Group group, final List<String> found) {
		for (final Node node : group.getChildren().values()) {
			if (node.isLink()) continue;
			if (node instanceof Group) collect((Group) node, found);
			else if (node instanceof Dataset && ((Dataset) node).getDimensions().length == 3) found.add(node.getPath());
		}
	}

	/** @return the first few of {@code paths}, for a message */
	static String list(final List<String> paths) {
		if (paths.isEmpty()) return "none";
		final String shown = String.join(", ", paths.subList(0, Math.min(LISTED, paths.size())));
		return paths.size() > LISTED ? shown + " and " + (paths.size() - LISTED) + " more" : shown;
	}

	/** @return the voxel size recorded for {@code dataset} in {@code file}, or {@link VoxelSize#UNKNOWN} */
	static VoxelSize voxelSize(final Group file, final Dataset dataset) {
		final double[] zyx = numbers(dataset.getAttribute("element_size_um"));
		if (zyx != null && zyx.length == 3 && positive(zyx)) return new VoxelSize(zyx[2], zyx[1], zyx[0], "\u00b5m");
		final Dataset x = datasetOrNull(file, DXCHANGE_PIXEL + "x");
		final double[] px = x == null ? null : numbers(x.getData());
		if (px == null || px.length != 1 || !positive(px)) return VoxelSize.UNKNOWN;
		final Dataset y = datasetOrNull(file, DXCHANGE_PIXEL + "y");
		final double[] py = y == null ? null : numbers(y.getData());
		final double height = py != null && py.length == 1 && positive(py) ? py[0] : px[0];
		final Object units = x.getAttribute("units") == null ? null : x.getAttribute("units").getData();
		return new VoxelSize(px[0], height, px[0], units instanceof String ? (String) units : "\u00b5m");
	}

	private static Dataset datasetOrNull(final Group file, final String path) {
		try {
			final Node node = file.getByPath(path);
			return node instanceof Dataset ? (Dataset) node : null;
		}
		catch (final HdfException e) {
			return null;
		}
	}

	private static double[] numbers(final Attribute attribute) {
		return attribute == null ? null : numbers(attribute.getData());
	}

	/** @return a number or an array of numbers as doubles, or null for anything else */
	private static double[] numbers(final Object data) {
		if (data instanceof Number) return new double[] { ((Number) data).doubleValue() };
		if (data instanceof double[]) return (double[]) data;
		if (data instanceof float[]) {
			final float[] f = (float[]) data;
			final double[] d = new double[f.length];
			for (int i = 0; i < f.length; i++)
				d[i] = f[i];
			return d;
		}
		return null;
	}

	private static boolean positive(final double[] values) {
		for (final double v : values)
			if (!(v > 0) || Double.isInfinite(v)) return false;
		return true;
	}
}
