package org.xrayseg.core.micro.tortuosity;

/**
 * The tortuosity factor of a phase in one direction.
 *
 * @param direction 0 = x, 1 = y, 2 = z
 * @param volumeFraction the fraction of the region in the phase (all of it)
 * @param percolatingFraction the fraction of the region in the part of the
 *            phase that connects both faces perpendicular to the direction
 * @param effectiveDiffusivity D_eff / D: (total flux * L) / (A_cross * delta c)
 * @param tau the tortuosity factor, volumeFraction / effectiveDiffusivity;
 *            {@link Double#POSITIVE_INFINITY} where the phase does not percolate
 * @param iterations solver iterations (0 where nothing was solved)
 * @param fluxSpread (max - min) / max of the layer fluxes at the end (0 where nothing was solved)
 * @param converged whether the convergence criterion was met
 * @param seconds wall time of the whole computation
 */
public record TortuosityResult(int direction, double volumeFraction, double percolatingFraction,
	double effectiveDiffusivity, double tau, int iterations, double fluxSpread, boolean converged,
	double seconds)
{

	/** @return the axis letter of the direction */
	public String axis() {
		return String.valueOf("xyz".charAt(direction));
	}
}
