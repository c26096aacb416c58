package org.xrayseg.core.micro.tortuosity;

/**
 * When a tortuosity solve stops. TauFactor's criterion: the diffusive flux
 * through every layer perpendicular to the direction (the inlet and outlet
 * faces included) lies within {@code fluxSpread} of the largest, i.e.
 * {@code (max - min) / max < fluxSpread}, and the tortuosity factor has then
 * changed by less than {@code tauChange} since the previous check. Because
 * equal layer fluxes do not alone prove convergence (an error field may
 * circulate without net flux), the Euclidean norm of the residual must also
 * have fallen below {@code residual} times that of the right-hand side.
 *
 * @param fluxSpread largest relative spread of the layer fluxes (TauFactor: 0.01)
 * @param tauChange largest change of tau between two checks (TauFactor: 0.002)
 * @param residual largest relative residual norm
 * @param maxIterations the solve stops unconverged after this many iterations
 */
public record Convergence(double fluxSpread, double tauChange, double residual, int maxIterations) {

	/** TauFactor's default criterion, with a residual bound of 1e-3. */
	public static final Convergence DEFAULT = new Convergence(0.01, 0.002, 1e-3, 100_000);

	public Convergence {
		if (!(fluxSpread > 0 && tauChange > 0 && residual > 0) || maxIterations < 1)
			throw new IllegalArgumentException("convergence bounds must be positive: " + fluxSpread + ", " +
				tauChange + ", " + residual + ", " + maxIterations);
	}

	/**
	 * @param factor how many times tighter, e.g. 100 for an over-converged reference
	 * @return this criterion with every bound divided by {@code factor}
	 */
	public Convergence tighter(final double factor) {
		return new Convergence(fluxSpread / factor, tauChange / factor, residual / factor, maxIterations);
	}

	/** @return this criterion with another iteration limit */
	public Convergence withMaxIterations(final int limit) {
		return new Convergence(fluxSpread, tauChange, residual, limit);
	}
}
