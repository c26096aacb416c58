package org.xrayseg.spark;

import java.io.PrintStream;
import java.util.Map;

import org.scijava.module.Module;
import org.scijava.module.ModuleItem;
import org.xrayseg.command.CommandParameters;

/** The keys of the Spark job with their descriptions and defaults, made from their {@code @Parameter} fields. */
final class KeyHelp {

	private KeyHelp() {}

	static void print(final PrintStream out) {
		out.println("Usage: spark-submit [spark options] --class " + SparkSegment.class.getName() +
			" xrayseg-spark.jar segment key=value ...");
		out.println("The keys of xrayseg segment, and those of a cluster job. input= may name several volumes: a");
		out.println("comma-separated list, or a pattern with * or ? in its last part (/data/scans/*.h5); the labels of");
		out.println("each then go to a folder of output= named after it (/data/labels/scan1/).");
		out.println();
		for (final Map.Entry<ModuleItem<?>, Module> key : SegmentKeys.keys()) {
			final ModuleItem<?> item = key.getKey();
			final Module defaults = key.getValue();
			final Object value = item.getValue(defaults);
			out.printf("  %-18s %s: %s%n", item.getName() + "=", item.getLabel(), item.getDescription());
			out.printf("  %-18s %s%n", "", CommandParameters.isMandatory(item, defaults, true) ? "(required)"
				: value == null || "".equals(value) ? "(optional)" : "default " + value);
		}
	}
}
