package org.xrayseg.core.micro.thickness;

import java.util.HashMap;
import java.util.Map;

/**
 * The 26 neighbours of a voxel and the test that keeps ball painting fast (the
 * distance ridge of Hildebrand and Rüegsegger 1997, in the discrete form
 * BoneJ's "Distance Ridge" uses): centre c need not be painted when a
 * neighbour n = c + e covers every voxel c's ball covers with a diameter at
 * least as large, i.e. r²(n) >= r²(c) and r²(n) > max |v - e|² over the
 * lattice points v with |v|² < r²(c). That maximum depends only on r²(c) and
 * on which axes e steps along (the ball is symmetric); it is computed once per
 * distinct r², one row of the ball at a time (the maximum of a row lies at one
 * of its ends), and cached. One instance per worker thread.
 */
final class Neighbours {

	private final int[] dx = new int[26];
	private final int[] dy = new int[26];
	private final int[] dz = new int[26];
	private final int[] axes = new int[26];
	private final double hx;
	private final double hy;
	private final double hz;
	private final Map<Float, double[]> reach = new HashMap<>();

	Neighbours(final double hx, final double hy, final double hz) {
		this.hx = hx;
		this.hy = hy;
		this.hz = hz;
		int k = 0;
		for (int z = -1; z <= 1; z++)
			for (int y = -1; y <= 1; y++)
				for (int x = -1; x <= 1; x++) {
					if (x == 0 && y == 0 && z == 0) continue;
					dx[k] = x;
					dy[k] = y;
					dz[k] = z;
					axes[k] = Math.abs(x) + 2 * Math.abs(y) + 4 * Math.abs(z);
					k++;
				}
	}

	/**
	 * @param radii2 squared radii of the box {@code nx x ny x nz} (0 off the phase)
	 * @param i the index of (x, y, z) in the box
	 * @return whether a neighbour's ball covers all of the ball of (x, y, z)
	 */
	boolean contain(final float[] radii2, final int i, final int x, final int y, final int z, final int nx,
		final int ny, final int nz)
	{
		final float r2 = radii2[i];
		final double[] needed = reach.computeIfAbsent(r2, this::reach);
		final boolean inner = x > 0 && y > 0 && z > 0 && x < nx - 1 && y < ny - 1 && z < nz - 1;
		for (int k = 0; k < 26; k++) {
			if (!inner) {
				final int xn = x + dx[k], yn = y + dy[k], zn = z + dz[k];
				if (xn < 0 || yn < 0 || zn < 0 || xn >= nx || yn >= ny || zn >= nz) continue;
			}
			final float n2 = radii2[i + dx[k] + nx * (dy[k] + ny * dz[k])];
			if (n2 >= r2 && n2 > needed[axes[k]]) return true;
		}
		return false;
	}

	/**
	 * @return for e = (ex, ey, ez) in {0, 1}³, at index ex + 2 ey + 4 ez, the
	 *         largest |v - e|² over lattice points v with |v|² < r2
	 */
	private double[] reach(final float r2) {
		final double[] max = new double[8];
		final double rr = r2;
		final int kz = Painter.steps(rr, hz);
		for (int vz = -kz; vz <= kz; vz++) {
			final double remZ = rr - vz * hz * vz * hz;
			final int ky = Painter.steps(remZ, hy);
			for (int vy = -ky; vy <= ky; vy++) {
				final int kx = Painter.steps(remZ - vy * hy * vy * hy, hx);
				for (int e = 1; e < 8; e++) {
					final double x = (kx + (e & 1)) * hx, y = (vy - (e >> 1 & 1)) * hy, z = (vz - (e >> 2)) * hz;
					max[e] = Math.max(max[e], x * x + y * y + z * z);
				}
			}
		}
		return max;
	}
}
