package org.xrayseg.command;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.scijava.Context;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandService;
import org.scijava.module.Module;
import org.scijava.module.ModuleService;
import org.xrayseg.core.error.SegmentationException;

/**
 * What every front end (the command line, the ImageJ 1.x menu and macros)
 * does to run one of the plugin's commands: find it by its name, make a
 * module with its defaults, set and resolve the inputs, and say in one line
 * what went wrong.
 */
public final class CommandRunner {

	private static final String PACKAGE = "org.xrayseg.";
	private static final List<String> ORDER = List.of("train-unet", "train-pix2pix", "segment", "evaluate",
		"compare");

	private final Context context;

	public CommandRunner(final Context context) {
		this.context = context;
	}

	/** @return the plugin's commands: the main ones first, the others in a stable order */
	public List<CommandInfo> commands() {
		return context.service(CommandService.class).getCommands().stream().filter(c -> c.getDelegateClassName()
			.startsWith(PACKAGE) && c.getName() != null && !c.getName().isEmpty()).sorted((a, b) -> order(a) - order(b))
			.collect(Collectors.toList());
	}

	/** @return the command called {@code name} (e.g. "segment"), or null */
	public CommandInfo find(final String name) {
		return commands().stream().filter(c -> c.getName().equals(name)).findFirst().orElse(null);
	}

	/** @return the command whose name ("segment") or menu label ("Segment") is {@code nameOrLabel}, or null */
	public CommandInfo findByNameOrLabel(final String nameOrLabel) {
		final CommandInfo byName = find(nameOrLabel);
		if (byName != null) return byName;
		return commands().stream().filter(c -> nameOrLabel.equals(c.getLabel())).findFirst().orElse(null);
	}

	/** @return a new instance of the command with its services injected and its default values set */
	public Module instantiate(final CommandInfo info) {
		return context.service(ModuleService.class).createModule(info);
	}

	/** Sets the inputs by key and marks them resolved, so that nothing asks for them again. */
	public static void setInputs(final Module module, final Map<String, ?> inputs) {
		inputs.forEach((key, value) -> {
			module.setInput(key, value);
			module.resolveInput(key);
		});
	}

	/** @return true if {@code e} is an error this plugin reports to users (its message is one line for them) */
	public static boolean isExpected(final Throwable e) {
		return rootCause(e) instanceof SegmentationException;
	}

	/** @return one line saying what went wrong: the message of the deepest cause, or its type */
	public static String describe(final Throwable e) {
		final Throwable t = rootCause(e);
		return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
	}

	private static Throwable rootCause(final Throwable e) {
		Throwable t = e;
		while (t.getCause() != null && t.getCause() != t)
			t = t.getCause();
		return t;
	}

	private static int order(final CommandInfo c) {
		final int i = ORDER.indexOf(c.getName());
		return i < 0 ? ORDER.size() + c.getName().hashCode() % 1000 + 1000 : i;
	}
}
