package org.xrayseg.cli;

import java.io.PrintStream;

import org.scijava.command.CommandInfo;
import org.scijava.module.Module;
import org.scijava.module.ModuleItem;
import org.xrayseg.command.CommandParameters;
import org.xrayseg.command.CommandRunner;

/** Help text made from the commands' {@code @Parameter} metadata. */
final class Help {

	private Help() {}

	static void commands(final CommandRunner runner, final PrintStream out) {
		out.println("Usage: xrayseg <command> key=value ...");
		out.println("       xrayseg help <command>    (keys, descriptions and defaults)");
		out.println();
		out.println("Commands:");
		for (final CommandInfo c : runner.commands())
			out.printf("  %-14s %s%n", c.getName(), c.getDescription());
	}

	/** @return numbers without exponents: 0.0002, not 2.0E-4 */
	private static String plain(final Object value) {
		if (value instanceof Double || value instanceof Float) return java.math.BigDecimal.valueOf(((Number) value)
			.doubleValue()).stripTrailingZeros().toPlainString();
		return String.valueOf(value);
	}

	static void command(final CommandRunner runner, final CommandInfo info, final PrintStream out) {
		out.println("xrayseg " + info.getName() + "  -  " + info.getLabel());
		out.println("  " + info.getDescription());
		out.println();
		final Module defaults = runner.instantiate(info);
		for (final ModuleItem<?> item : CommandParameters.userInputs(info)) {
			if (!CommandParameters.isText(item)) continue;
			final Object value = item.getValue(defaults);
			final String flag = CommandParameters.isMandatory(item, defaults, true) ? "(required)" : value == null ||
				"".equals(value) ? "(optional)" : "default " + plain(value);
			out.printf("  %-20s %s: %s%n", item.getName() + "=", item.getLabel(), item.getDescription());
			final StringBuilder detail = new StringBuilder(flag);
			if (item.getChoices() != null && !item.getChoices().isEmpty()) detail.append("; one of ").append(String.join(", ", item.getChoices()
				.stream().map(String::valueOf).toArray(String[]::new)));
			if (item.getMinimumValue() != null || item.getMaximumValue() != null) detail.append("; range ").append(
				item.getMinimumValue() == null ? "" : plain(item.getMinimumValue())).append("..").append(item
					.getMaximumValue() == null ? "" : plain(item.getMaximumValue()));
			out.printf("  %-20s %s%n", "", detail);
		}
	}
}
