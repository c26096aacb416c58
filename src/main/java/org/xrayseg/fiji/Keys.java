package org.xrayseg.fiji;

/** Values shared by several commands' parameters. */
public final class Keys {

	public static final String AUTO = "auto";
	public static final String CPU = "cpu";
	public static final String GPU = "gpu";
	public static final String DEVICE_DESCRIPTION =
		"Where to compute: auto uses a GPU if DJL finds one, else the CPU";
	/** Attribute of a parameter that Fiji may leave empty but the command line must give. */
	public static final String CLI_REQUIRED = "cli-required";

	private Keys() {}
}
