package org.xrayseg.imagej2;

import java.util.Arrays;

import org.scijava.Context;
import org.scijava.SciJava;

/**
 * Starts ImageJ2 with imagej-legacy as Fiji's launcher does: the legacy
 * patches go in before any ImageJ 1.x class loads, then one application
 * context parses Fiji's arguments ({@code --headless}, {@code --run},
 * {@code -batch}, {@code -eval}) and starts the UI. With
 * {@code --scenario NAME} first, it starts the UI and then runs one of
 * {@link FijiScenarios} in it.
 */
public final class FijiLauncher {

	private FijiLauncher() {}

	public static void main(final String[] args) throws Exception {
		Class.forName("net.imagej.patcher.LegacyInjector").getMethod("preinit").invoke(null);
		final Context context = new Context();
		if (args.length >= 2 && args[0].equals("--scenario")) {
			new SciJava(context).launch();
			final int code = FijiScenarios.run(context, args[1], Arrays.copyOfRange(args, 2, args.length));
			System.exit(code);
		}
		new SciJava(context).launch(args);
	}
}
