package org.xrayseg.core.report;

import java.awt.Color;

/**
 * The colours of the plugin's results, defined once: the lines of every plot
 * (the command line's PNG files and Fiji's windows) and the phases of every
 * label image. Phases use the Okabe-Ito colours, which colour-blind readers
 * tell apart, starting with black for the first phase (often pores).
 */
public final class Palette {

	private static final int[] LINES = { 0x1f77b4, 0xd62728, 0x2ca02c, 0xff7f0e, 0x9467bd, 0x8c564b, 0xe377c2,
		0x7f7f7f };
	private static final int[] PHASES = { 0x000000, 0xE69F00, 0x56B4E9, 0x009E73, 0xF0E442, 0x0072B2, 0xD55E00,
		0xCC79A7 };

	private Palette() {}

	/** @return the colour of line {@code i} of a plot (0-based; the palette repeats) */
	public static Color line(final int i) {
		return new Color(LINES[i % LINES.length]);
	}

	/** @return the colour of phase {@code i} (0-based; the palette repeats) as 0xRRGGBB */
	public static int phase(final int i) {
		return PHASES[i % PHASES.length];
	}
}
