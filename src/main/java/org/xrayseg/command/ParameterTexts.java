package org.xrayseg.command;

import org.xrayseg.core.choice.Auto;
import org.xrayseg.core.model.NetworkSpec;

/** Choices and help texts that several commands' parameters share. */
public final class ParameterTexts {

	public static final String AUTO = Auto.KEY;
	public static final String CPU = "cpu";
	public static final String GPU = "gpu";
	public static final String DEVICE = "Where to compute: auto uses a GPU if DJL finds one, else the CPU";
	/** What the help text of a network-width key says about the widths it accepts. */
	public static final String WIDTH_RULE = "a multiple of " + NetworkSpec.CHANNEL_MULTIPLE + " (" +
		NetworkSpec.WIDTH_REASON + ")";

	public static final String DATASET =
		"For an HDF5 file (.h5, .nxs): the path of its 3D dataset (z, y, x), e.g. /exchange/data; empty: /exchange/data or the file's only 3D dataset";
	public static final String SLICES =
		"Which slices to use, 1-based and inclusive: 101-200, 101- (to the end) or 1-50,201-250; empty: all";
	public static final String CLASS_NAMES =
		"Names of the phases in the order of their label codes, comma-separated (e.g. pore,nickel,YSZ); empty: code 0, code 128, ...";
	public static final String UNLABELLED =
		"The label value that means 'not annotated' (sparse labels, scribbles; Labkit exports 0): those pixels are not scored or trained on; -1: every pixel is labelled";

	private ParameterTexts() {}
}
