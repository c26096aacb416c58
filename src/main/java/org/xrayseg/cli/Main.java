package org.xrayseg.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.scijava.Context;
import org.scijava.app.StatusService;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandService;
import org.scijava.event.EventService;
import org.scijava.event.EventSubscriber;
import org.scijava.log.LogService;
import org.scijava.module.Module;
import org.scijava.module.ModuleItem;
import org.xrayseg.command.CommandParameters;
import org.xrayseg.command.CommandRunner;
import org.xrayseg.command.ExitCode;
import org.xrayseg.command.KeyValueText;
import org.xrayseg.core.error.CancelledException;
import org.xrayseg.core.error.InvalidInputException;
import org.xrayseg.core.error.SegmentationException;
import org.xrayseg.core.report.ResultTable;

/**
 * The command-line runner: {@code xrayseg <command> key=value ...} runs the
 * plugin's SciJava command of that name with the same keys as its
 * {@code @Parameter} fields. Exit codes: {@link ExitCode}.
 */
public final class Main {

	private Main() {}

	public static void main(final String[] args) {
		System.exit(run(args, System.out, System.err));
	}

	/** Runs one command line; returns the exit code. */
	public static int run(final String[] args, final PrintStream out, final PrintStream err) {
		try (Context context = new Context(CommandService.class, StatusService.class, LogService.class,
			EventService.class))
		{
			final CommandRunner runner = new CommandRunner(context);
			if (args.length == 0 || isHelp(args[0])) return help(runner, args, out, err);
			final CommandInfo info = runner.find(args[0]);
			if (info == null) {
				err.println("error: unknown command '" + args[0] + "'. Commands: " + String.join(", ", runner.commands()
					.stream().map(CommandInfo::getName).toArray(String[]::new)));
				return ExitCode.USAGE;
			}
			return run(context, info, KeyValueText.parseArguments(Arrays.copyOfRange(args, 1, args.length)), out, err);
		}
		catch (final InvalidInputException e) {
			err.println("error: " + e.getMessage());
			return ExitCode.USAGE;
		}
	}

	/**
	 * Runs one of the plugin's commands in {@code context} with its keys as
	 * text, as the command line does (Fiji's {@code --run} too): the same
	 * checks, messages, progress line and exit codes.
	 *
	 * @return the exit code
	 */
	public static int run(final Context context, final CommandInfo info, final Map<String, String> keys,
		final PrintStream out, final PrintStream err)
	{
		final Module module = new CommandRunner(context).instantiate(info);
		final Map<String, Object> inputs;
		try {
			inputs = CommandParameters.parse(info, module, keys, true);
		}
		catch (final InvalidInputException e) {
			err.println("error: " + e.getMessage());
			return ExitCode.USAGE;
		}
		return execute(context, module, inputs, out, err);
	}

	private static int execute(final Context context, final Module module, final Map<String, Object> inputs,
		final PrintStream out, final PrintStream err)
	{
		CommandRunner.setInputs(module, inputs);
		final ConsoleProgress progress = new ConsoleProgress(err, System.console() != null);
		final EventService events = context.service(EventService.class);
		final List<EventSubscriber<?>> subscribers = events.subscribe(progress);
		final Thread worker = Thread.currentThread();
		final Thread onInterrupt = new Thread(() -> stop(worker));
		Runtime.getRuntime().addShutdownHook(onInterrupt);
		try {
			module.run();
			progress.finish();
			printOutputs(module, out);
			return ExitCode.OK;
		}
		catch (final CancelledException e) {
			progress.finish();
			err.println("cancelled: " + e.getMessage());
			return ExitCode.CANCELLED;
		}
		catch (final SegmentationException e) {
			progress.finish();
			err.println("error: " + e.getMessage());
			return ExitCode.FAILED;
		}
		catch (final RuntimeException e) {
			progress.finish();
			err.println("error: " + CommandRunner.describe(e) + (CommandRunner.isExpected(e) ? ""
				: " (set XRAYSEG_DEBUG=1 for details)"));
			if (System.getenv("XRAYSEG_DEBUG") != null) e.printStackTrace(err);
			return ExitCode.FAILED;
		}
		finally {
			events.unsubscribe(subscribers);
			try {
				Runtime.getRuntime().removeShutdownHook(onInterrupt);
			}
			catch (final IllegalStateException e) {
				// the JVM is already shutting down: the hook is running
			}
		}
	}

	/** Ctrl-C: interrupts the work and gives it time to remove partial output. */
	private static void stop(final Thread worker) {
		worker.interrupt();
		try {
			worker.join(20_000);
		}
		catch (final InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	private static void printOutputs(final Module module, final PrintStream out) {
		for (final ModuleItem<?> item : module.getInfo().outputs()) {
			final Object value = item.getValue(module);
			if (value instanceof ResultTable) {
				out.println(((ResultTable) value).title() + ":");
				out.println(((ResultTable) value).toText());
			}
			else if (value instanceof Number) out.println(item.getLabel() + ": " + value);
		}
	}

	private static boolean isHelp(final String a) {
		return a.equals("help") || a.equals("--help") || a.equals("-h");
	}

	private static int help(final CommandRunner runner, final String[] args, final PrintStream out,
		final PrintStream err)
	{
		if (args.length < 2) {
			Help.commands(runner, out);
			return args.length == 0 ? ExitCode.USAGE : ExitCode.OK;
		}
		final CommandInfo info = runner.find(args[1]);
		if (info == null) {
			err.println("error: unknown command '" + args[1] + "'");
			return ExitCode.USAGE;
		}
		Help.command(runner, info, out);
		return ExitCode.OK;
	}
}
