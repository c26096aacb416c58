package org.xrayseg.spark;

import java.io.File;
import java.util.List;
import java.util.Map;

import org.scijava.command.CommandInfo;
import org.scijava.module.Module;
import org.scijava.module.ModuleException;
import org.scijava.module.ModuleItem;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;
import org.xrayseg.command.CommandParameters;
import org.xrayseg.command.SegmentCommand;
import org.xrayseg.core.error.InvalidInputException;

/**
 * The keys of a Spark job: every key of "segment" (its {@code @Parameter}
 * fields, inherited, so that names, checks and messages are the command
 * line's), and the keys that only a cluster job has. Never run as a command:
 * it only describes keys, and is no SciJava plugin.
 */
public class SegmentKeys extends SegmentCommand {

	static final String INPUT = "input";
	static final String OUTPUT = "output";
	static final String TRUTH = "truth";

	@Parameter(label = "Slices", required = false,
		description = "Which slices to segment, 1-based: 101-200, 101- (to the end) or 1-50,201-250; empty for all")
	private String slices;

	@Parameter(label = "HDF5 dataset", required = false,
		description = "The 3D dataset of HDF5 inputs, e.g. /exchange/data; empty for /exchange/data or the only 3D dataset")
	private String dataset;

	@Parameter(label = "Reference labels", style = FileWidget.FILE_AND_DIRECTORY_STYLE, required = false,
		description = "Labels to score the output against (Dice table): one volume per input volume, in the same order")
	private File truth;

	@Parameter(label = "Summary table", style = FileWidget.SAVE_STYLE, required = false,
		description = "CSV file for the summary table (per volume: slices, seconds, Dice); it is printed in any case")
	private File table;

	@Parameter(label = "Slices per task", min = "1", max = "4096",
		description = "Slices one Spark task segments; a task lost with its executor is done again from its first unwritten slice")
	private int slices_per_task = JobSettings.SLICES_PER_TASK;

	/**
	 * The keys, their values and the volumes they name.
	 *
	 * @param table the CSV file for the summary table, or null
	 */
	public record Parsed(JobSettings settings, List<VolumeRequest> volumes, File table) {}

	/** @return the command description of these keys, named as "segment" */
	static CommandInfo info() {
		return new CommandInfo(SegmentKeys.class, SegmentCommand.class.getAnnotation(Plugin.class));
	}

	/**
	 * Parses and checks the keys as the command line does.
	 *
	 * @throws InvalidInputException with the command line's message for a bad key
	 */
	public static Parsed parse(final Map<String, String> text) {
		final CommandInfo info = info();
		final Module defaults = defaults(info);
		final Map<String, Object> v = CommandParameters.parse(info, defaults, text, true);
		final JobSettings settings = new JobSettings((File) v.get("model"), (int) value(v, info, defaults, "tile_size"),
			(int) value(v, info, defaults, "overlap"), (String) value(v, info, defaults, "device"), (boolean) value(v,
				info, defaults, "overwrite"), (int) value(v, info, defaults, "slices_per_task"));
		final List<VolumeRequest> volumes = VolumeRequest.expand((File) v.get(INPUT), (File) v.get(OUTPUT), (File) v
			.get(TRUTH), (String) v.get("slices"), (String) v.get("dataset"));
		return new Parsed(settings, volumes, (File) v.get("table"));
	}

	static Module defaults(final CommandInfo info) {
		try {
			return info.createModule();
		}
		catch (final ModuleException e) {
			throw new IllegalStateException("Cannot make the keys of " + info.getName(), e);
		}
	}

	private static Object value(final Map<String, Object> values, final CommandInfo info, final Module defaults,
		final String key)
	{
		if (values.containsKey(key)) return values.get(key);
		final ModuleItem<?> item = info.getInput(key);
		return item.getValue(defaults);
	}

	@Override
	public void run() {
		throw new UnsupportedOperationException("SegmentKeys only describes keys; run SparkSegment");
	}
}
