package org.xrayseg.command;

/**
 * The exit codes of every runner of the commands outside ImageJ: the command
 * line, Fiji's {@code --run} and the Spark job.
 */
public final class ExitCode {

	/** Done. */
	public static final int OK = 0;
	/** The work failed (bad input files, a model that does not fit, training that diverged...). */
	public static final int FAILED = 1;
	/** Bad usage: an unknown command or key, a value out of range, a key missing. */
	public static final int USAGE = 2;
	/** Cancelled (Ctrl-C), as a shell reports SIGINT. */
	public static final int CANCELLED = 130;

	private ExitCode() {}
}
