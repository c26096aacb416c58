package org.xrayseg.core.micro;

import java.util.List;

import org.xrayseg.core.io.VoxelSize;

/**
 * Turns the counts of a {@link VolumeScan} into the streamed metrics of each
 * phase: volume fraction, specific surface area (voxel faces and Crofton),
 * interfaces per pair, triple-phase boundary density (all and active), and
 * connectivity per direction.
 */
final class StreamedMetrics {

	private static final int M = PhaseIndex.MAX;
	private static final String[] AXES = { "x", "y", "z" };

	private StreamedMetrics() {}

	/**
	 * @param order the scan's phase indices in the order of {@code codes}
	 * @param codes the codes to report (a phase absent from the scan gets zeros)
	 */
	static Measurements of(final VolumeScan scan, final int[] codes, final List<String> names, final VoxelSize size) {
		final Measurements m = new Measurements(codes, names, size);
		final int[] index = indices(scan, codes);
		final double hx = size.x(), hy = size.y(), hz = size.z();
		final long total = (long) scan.width * scan.height * scan.depth;
		final double volume = total * hx * hy * hz;
		final int n = codes.length;
		final double[] voxels = new double[n], fraction = new double[n];
		for (int p = 0; p < n; p++) {
			voxels[p] = index[p] < 0 ? 0 : scan.voxels[index[p]];
			fraction[p] = voxels[p] / total;
		}
		m.put("volume_fraction", fraction);
		m.put("voxels", voxels);
		surfaces(scan, m, index, hx, hy, hz, volume);
		tpb(scan, m, index, hx, hy, hz, volume);
		connectivity(scan, m, index);
		return m;
	}

	private static int[] indices(final VolumeScan scan, final int[] codes) {
		final int[] index = new int[codes.length];
		for (int p = 0; p < codes.length; p++) {
			index[p] = -1;
			for (int i = 0; i < scan.phases.count(); i++)
				if (scan.phases.code(i) == codes[p]) index[p] = i;
		}
		return index;
	}

	private static void surfaces(final VolumeScan scan, final Measurements m, final int[] index, final double hx,
		final double hy, final double hz, final double volume)
	{
		final int n = index.length;
		final double[] weights = CroftonWeights.of(hx, hy, hz);
		final double[] faces = new double[n], crofton = new double[n];
		for (int a = 0; a < n; a++)
			for (int b = a + 1; b < n; b++) {
				if (index[a] < 0 || index[b] < 0) continue;
				final int pair = Math.min(index[a], index[b]) * M + Math.max(index[a], index[b]);
				final long[][] c = scan.interfaces.pairs;
				final double faceArea = c[InterfaceCounter.X][pair] * hy * hz + c[InterfaceCounter.Y][pair] * hx * hz +
					c[InterfaceCounter.Z][pair] * hx * hy;
				// Cauchy-Crofton: each crossing along direction d stands for voxel volume / step length of area
				double area = 0;
				for (int d = 0; d < weights.length; d++)
					area += 2 * weights[d] * c[d][pair] * hx * hy * hz / CroftonWeights.stepLength(
						InterfaceCounter.DIRECTIONS[d], hx, hy, hz);
				if (scan.width < 2 || scan.height < 2 || scan.depth < 2) area = Double.NaN;
				m.add(new Measurements.Interface(m.codes()[a], m.codes()[b], faceArea, area, faceArea / volume, area /
					volume));
				faces[a] += faceArea;
				faces[b] += faceArea;
				crofton[a] += area;
				crofton[b] += area;
			}
		for (int p = 0; p < n; p++) {
			faces[p] /= volume;
			crofton[p] /= volume;
		}
		m.put("specific_surface_area_face_count", faces);
		m.put("specific_surface_area", crofton);
	}

	private static void tpb(final VolumeScan scan, final Measurements m, final int[] index, final double hx,
		final double hy, final double hz, final double volume)
	{
		final int n = index.length;
		final double[] all = new double[n], active = new double[n];
		final double[] length = { hx, hy, hz };
		for (int a = 0; a < n; a++)
			for (int b = a + 1; b < n; b++)
				for (int c = b + 1; c < n; c++) {
					if (index[a] < 0 || index[b] < 0 || index[c] < 0) continue;
					final int[] t = { index[a], index[b], index[c] };
					java.util.Arrays.sort(t);
					double l = 0, la = 0;
					for (int d = 0; d < 3; d++) {
						l += scan.tpb.count(d, t[0], t[1], t[2]) * length[d];
						la += scan.activeTpb.count(d, t[0], t[1], t[2]) * length[d];
					}
					for (final int p : new int[] { a, b, c }) {
						all[p] += l / volume;
						active[p] += la / volume;
					}
				}
		if (scan.phases.count() < 3) {
			java.util.Arrays.fill(all, Double.NaN);
			java.util.Arrays.fill(active, Double.NaN);
		}
		m.put("tpb_density", all);
		m.put("active_tpb_density", active);
	}

	private static void connectivity(final VolumeScan scan, final Measurements m, final int[] index) {
		final int n = index.length;
		final Clusters c = scan.clusters;
		final double[] count = new double[n];
		// [phase][axis][0 percolating, 1 dead end, 2 isolated]
		final double[][][] share = new double[n][3][3];
		final int[] phaseOf = new int[M];
		java.util.Arrays.fill(phaseOf, -1);
		for (int p = 0; p < n; p++)
			if (index[p] >= 0) phaseOf[index[p]] = p;
		for (int k = 0; k < c.count(); k++) {
			if (!c.isRoot(k)) continue;
			final int p = phaseOf[c.phase(k)];
			if (p < 0) continue;
			count[p]++;
			final int faces = c.faces(k);
			for (int axis = 0; axis < 3; axis++) {
				final int touched = Integer.bitCount(faces >> 2 * axis & 3);
				share[p][axis][2 - touched] += c.size(k);
			}
		}
		m.put("clusters", count);
		final String[] kinds = { "percolating_fraction_", "dead_end_fraction_", "isolated_fraction_" };
		for (int kind = 0; kind < 3; kind++)
			for (int axis = 0; axis < 3; axis++) {
				final double[] v = new double[n];
				for (int p = 0; p < n; p++) {
					final double voxels = m.valueAt("voxels", p);
					v[p] = voxels == 0 ? Double.NaN : share[p][axis][kind] / voxels;
				}
				m.put(kinds[kind] + AXES[axis], v);
			}
	}
}
