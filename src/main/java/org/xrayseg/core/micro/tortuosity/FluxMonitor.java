package org.xrayseg.core.micro.tortuosity;

/**
 * Applies the convergence criterion of {@link Convergence} to a concentration
 * field and turns its flux into D_eff / D and tau. D_eff / D = (mean layer flux
 * * L) / (A_cross * delta c), with L = n_d h_d the region's length along the
 * direction, A_cross its physical cross-section and delta c = 1.
 */
final class FluxMonitor {

	private final PhaseGrid grid;
	private final Convergence convergence;
	private final double volumeFraction;
	/** Physical flux per stored flux unit, times L / A_cross. */
	private final double fluxToDiffusivity;
	private double previousTau = Double.NaN, firstSpread = Double.NaN;
	private boolean converged;
	private double spread = Double.NaN, diffusivity, tau = Double.POSITIVE_INFINITY, residual = Double.NaN;

	FluxMonitor(final PhaseGrid grid, final PhaseMask m, final Convergence convergence,
		final double volumeFraction)
	{
		this.grid = grid;
		this.convergence = convergence;
		this.volumeFraction = volumeFraction;
		final int d = grid.direction;
		double area = 1;
		for (int a = 0; a < 3; a++)
			if (a != d) area *= m.size(a) * m.spacing(a);
		fluxToDiffusivity = grid.scale * m.size(d) * m.spacing(d) / area;
	}

	/**
	 * Measures the layer fluxes of {@code c}.
	 *
	 * @param relativeResidual |b - A c| / |b|
	 * @return whether the criterion is met
	 */
	boolean check(final float[] c, final double relativeResidual) {
		final double[] flux = grid.layerFluxes(c);
		double max = Double.NEGATIVE_INFINITY, min = Double.POSITIVE_INFINITY, sum = 0;
		for (final double f : flux) {
			max = Math.max(max, f);
			min = Math.min(min, f);
			sum += f;
		}
		spread = max > 0 ? (max - min) / max : Double.POSITIVE_INFINITY;
		if (Double.isNaN(firstSpread)) firstSpread = spread;
		residual = relativeResidual;
		diffusivity = sum / flux.length * fluxToDiffusivity;
		tau = diffusivity > 0 ? volumeFraction / diffusivity : Double.POSITIVE_INFINITY;
		final boolean settled = Math.abs(tau - previousTau) < convergence.tauChange();
		previousTau = tau;
		converged = spread < convergence.fluxSpread() && relativeResidual < convergence.residual() && settled;
		return converged;
	}

	/** @return whether the last check met the criterion */
	boolean converged() {
		return converged;
	}

	/** @return (max - min) / max of the layer fluxes at the last check */
	double spread() {
		return spread;
	}

	/** @return D_eff / D at the last check */
	double diffusivity() {
		return diffusivity;
	}

	/** @return tau at the last check */
	double tau() {
		return tau;
	}

	/** @return a status line for the progress listener */
	String status(final String solver, final int iteration) {
		return String.format(java.util.Locale.ROOT, "tortuosity along %s (%s): iteration %d, flux spread %.2g, tau %.4f",
			"xyz".charAt(grid.direction), solver, iteration, spread, tau);
	}

	/**
	 * @return an estimate of the iterations in all, extrapolating the fall of
	 *         the flux spread (log-linear) since the first check
	 */
	long estimatedTotal(final int iteration) {
		final double target = convergence.fluxSpread();
		if (!(spread > target) || !(firstSpread > spread)) return iteration + 1L;
		final double perIteration = Math.log(firstSpread / spread) / iteration;
		final double left = Math.log(spread / target) / perIteration;
		return iteration + 1L + (long) Math.min(left, convergence.maxIterations());
	}
}
