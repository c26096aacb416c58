package org.xrayseg.command;

import org.xrayseg.core.model.NetworkSpec;

/** Choices and help texts that several commands' parameters share. */
public final class ParameterTexts {

	public static final String AUTO = "auto";
	public static final String CPU = "cpu";
	public static final String GPU = "gpu";
	public static final String DEVICE = "Where to compute: auto uses a GPU if DJL finds one, else the CPU";
	/** What the help text of a network-width key says about the widths it accepts. */
	public static final String WIDTH_RULE = "a multiple of " + NetworkSpec.CHANNEL_MULTIPLE + " (" +
		NetworkSpec.WIDTH_REASON + ")";

	private ParameterTexts() {}
}
