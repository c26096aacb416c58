package org.xrayseg.cli;

import java.util.LinkedList;

import org.scijava.Context;
import org.scijava.Priority;
import org.scijava.command.CommandInfo;
import org.scijava.console.AbstractConsoleArgument;
import org.scijava.console.ConsoleArgument;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.startup.StartupService;
import org.scijava.ui.UIService;
import org.xrayseg.command.CommandRunner;
import org.xrayseg.command.ExitCode;
import org.xrayseg.command.KeyValueText;
import org.xrayseg.core.error.InvalidInputException;

/**
 * Fiji's {@code --run "Segment" "model='...',input='...'"} for this plugin's
 * commands (by menu label or name), run exactly as {@code bin/xrayseg} runs
 * them: the same keys (in Fiji's {@code key='value',...} form or as macro
 * options), the same one-line messages and progress line, the outputs printed
 * as text. Without a display ({@code --headless}) a failed run ends Fiji with
 * the command line's exit code (1 failed, 2 bad keys), so that a script can
 * tell; other commands are left to SciJava's own {@code --run}.
 */
@Plugin(type = ConsoleArgument.class, priority = Priority.HIGH)
public class FijiRunArgument extends AbstractConsoleArgument {

	@Parameter
	private Context context;

	@Parameter
	private StartupService startup;

	@Parameter
	private UIService ui;

	public FijiRunArgument() {
		super(2, "--run");
	}

	@Override
	public boolean supports(final LinkedList<String> args) {
		return super.supports(args) && new CommandRunner(context).findByNameOrLabel(args.get(1)) != null;
	}

	@Override
	public void handle(final LinkedList<String> args) {
		if (!supports(args)) return;
		args.removeFirst(); // --run
		final CommandInfo info = new CommandRunner(context).findByNameOrLabel(args.removeFirst());
		final String keys = getParam(args);
		if (keys != null) args.removeFirst();
		startup.addOperation(() -> {
			int code;
			try {
				code = Main.run(context, info, KeyValueText.parse(keys == null ? "" : keys), System.out, System.err);
			}
			catch (final InvalidInputException e) {
				System.err.println("error: " + e.getMessage());
				code = ExitCode.USAGE;
			}
			if (code != ExitCode.OK && ui.isHeadless()) System.exit(code);
		});
	}
}
