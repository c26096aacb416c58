package org.xrayseg.command;

/** Names of the attributes ({@code @Attr}) that our parameters carry for the front ends. */
public final class ParameterAttributes {

	/** Why a parameter's range is what it is, said when a value falls outside. */
	public static final String RANGE_REASON = "range-reason";
	/** A parameter that Fiji may leave empty (an open image stands in) but the command line must give. */
	public static final String CLI_REQUIRED = "cli-required";
	/**
	 * A number the plan decides unless given: "auto" (or 0, as macros of earlier
	 * versions wrote it) or a whole number within the parameter's min and max.
	 */
	public static final String AUTO_NUMBER = "auto-number";
	/**
	 * Values of earlier versions that a choice still takes, as {@code old=new}
	 * pairs separated by commas: e.g. {@code true=all,false=none} where a
	 * checkbox became a choice, so that recorded macros and scripts keep
	 * working.
	 */
	public static final String ALIASES = "aliases";

	private ParameterAttributes() {}
}
