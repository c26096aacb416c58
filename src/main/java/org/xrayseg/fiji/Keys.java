package org.xrayseg.fiji;

import org.xrayseg.core.model.NetworkSpec;

/** Values shared by several commands' parameters. */
public final class Keys {

	public static final String AUTO = "auto";
	public static final String CPU = "cpu";
	public static final String GPU = "gpu";
	public static final String DEVICE_DESCRIPTION =
		"Where to compute: auto uses a GPU if DJL finds one, else the CPU";
	/** What the help text of a network-width key says about the widths it accepts. */
	public static final String WIDTH_RULE = "a multiple of " + NetworkSpec.CHANNEL_MULTIPLE + " (" +
		NetworkSpec.WIDTH_REASON + ")";
	/** Attribute of a parameter: why its range is what it is, said when a value falls outside. */
	public static final String RANGE_REASON = "range-reason";
	/** Attribute of a parameter that Fiji may leave empty but the command line must give. */
	public static final String CLI_REQUIRED = "cli-required";

	private Keys() {}
}
