package org.xrayseg.imagej1;

import ij.IJ;

import org.scijava.Context;
import org.scijava.app.StatusService;
import org.scijava.command.CommandService;
import org.scijava.event.EventService;
import org.scijava.log.LogService;

/**
 * The SciJava context the commands run in: Fiji's own when running inside
 * Fiji, else one made once for plain ImageJ 1.x, with ImageJ's plugin class
 * loader (which sees plugins/ and plugins/jars/) so that the commands are found.
 */
final class SciJavaContext {

	private static Context own;

	private SciJavaContext() {}

	static synchronized Context get() {
		if (isFiji()) {
			// imagej-legacy answers this with Fiji's context (plain ImageJ would make a new one)
			final Object fiji = IJ.runPlugIn("org.scijava.Context", "");
			if (fiji instanceof Context) return (Context) fiji;
		}
		if (own == null) {
			final Thread thread = Thread.currentThread();
			final ClassLoader previous = thread.getContextClassLoader();
			thread.setContextClassLoader(IJ.getClassLoader() != null ? IJ.getClassLoader() : SciJavaContext.class
				.getClassLoader());
			try {
				own = new Context(CommandService.class, StatusService.class, LogService.class, EventService.class);
			}
			finally {
				thread.setContextClassLoader(previous);
			}
		}
		return own;
	}

	private static boolean isFiji() {
		try {
			Class.forName("net.imagej.legacy.LegacyService", false, IJ.getClassLoader());
			return true;
		}
		catch (final ClassNotFoundException | LinkageError e) {
			return false;
		}
	}
}
