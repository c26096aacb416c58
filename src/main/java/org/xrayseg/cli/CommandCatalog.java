package org.xrayseg.cli;

import java.util.List;
import java.util.stream.Collectors;

import org.scijava.Context;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandService;
import org.scijava.module.Module;
import org.scijava.module.ModuleService;

/** The plugin's SciJava commands, found by their annotations, named as on the command line. */
final class CommandCatalog {

	private static final String PACKAGE = "org.xrayseg.";

	private final Context context;

	CommandCatalog(final Context context) {
		this.context = context;
	}

	/** @return our commands in a stable order */
	List<CommandInfo> commands() {
		return context.service(CommandService.class).getCommands().stream().filter(c -> c.getDelegateClassName()
			.startsWith(PACKAGE) && c.getName() != null && !c.getName().isEmpty()).sorted((a, b) -> order(a) - order(b))
			.collect(Collectors.toList());
	}

	/** @return the command called {@code name}, or null */
	CommandInfo find(final String name) {
		return commands().stream().filter(c -> c.getName().equals(name)).findFirst().orElse(null);
	}

	/** @return a new instance of the command with its services injected and its default values set */
	Module instantiate(final CommandInfo info) {
		return context.service(ModuleService.class).createModule(info);
	}

	private static int order(final CommandInfo c) {
		final List<String> preferred = List.of("train-unet", "train-pix2pix", "segment", "evaluate", "compare");
		final int i = preferred.indexOf(c.getName());
		return i < 0 ? preferred.size() + c.getName().hashCode() % 1000 + 1000 : i;
	}
}
