package org.xrayseg.core.micro.tortuosity;

/**
 * A two-phase region held in memory: {@code mask[x + nx * (y + ny * z)]} is
 * nonzero where the conducting phase is. Voxel sizes {@code hx, hy, hz} are in
 * any one physical unit and may differ (anisotropic voxels).
 *
 * @param mask nx * ny * nz bytes, nonzero = conducting phase
 * @param nx voxels along x
 * @param ny voxels along y
 * @param nz voxels along z
 * @param hx voxel size along x, positive
 * @param hy voxel size along y, positive
 * @param hz voxel size along z, positive
 */
public record PhaseMask(byte[] mask, int nx, int ny, int nz, double hx, double hy, double hz) {

	public PhaseMask {
		if (nx < 1 || ny < 1 || nz < 1 || mask == null || mask.length != (long) nx * ny * nz)
			throw new IllegalArgumentException("a phase mask of " + nx + " x " + ny + " x " + nz +
				" voxels needs as many bytes, not " + (mask == null ? "none" : mask.length));
		if (!(hx > 0 && hy > 0 && hz > 0) || Double.isInfinite(hx + hy + hz))
			throw new IllegalArgumentException("voxel sizes must be positive: " + hx + ", " + hy + ", " + hz);
	}

	/** @return a mask of isotropic unit voxels */
	public static PhaseMask of(final byte[] mask, final int nx, final int ny, final int nz) {
		return new PhaseMask(mask, nx, ny, nz, 1, 1, 1);
	}

	/** @return the number of voxels along {@code axis} (0 = x, 1 = y, 2 = z) */
	public int size(final int axis) {
		return axis == 0 ? nx : axis == 1 ? ny : nz;
	}

	/** @return the voxel size along {@code axis} (0 = x, 1 = y, 2 = z) */
	public double spacing(final int axis) {
		return axis == 0 ? hx : axis == 1 ? hy : hz;
	}

	/** @return the number of voxels */
	public long voxels() {
		return (long) nx * ny * nz;
	}

	/** @return the fraction of all voxels that belong to the phase */
	public double volumeFraction() {
		long n = 0;
		for (final byte b : mask)
			if (b != 0) n++;
		return n / (double) mask.length;
	}
}
