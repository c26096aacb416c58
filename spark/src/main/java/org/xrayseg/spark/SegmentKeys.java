package org.xrayseg.spark;

import java.io.File;
import java.util.ArrayList;
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
	static final String SLICES = "slices";
	static final String DATASET = "dataset";
	static final String VOLUMES = "volumes";
	static final String SLICES_PER_TASK = "slices_per_task";

	@Parameter(label = "Slices", required = false,
		description = "Which slices to segment, 1-based: 101-200, 101- (to the end) or 1-50,201-250; empty for all")
	private String slices;

	@Parameter(label = "HDF5 dataset", required = false,
		description = "The 3D dataset of an HDF5 input, e.g. /exchange/data; empty for /exchange/data or the only 3D dataset")
	private String dataset;

	@Parameter(label = "Volumes", style = FileWidget.OPEN_STYLE, required = false,
		description = "A text file with one volume per line, 'input=... output=... [slices=... dataset=...]', instead of input= and output=")
	private File volumes;

	@Parameter(label = "Slices per task", min = "1", max = "4096",
		description = "Slices one Spark task segments; a task lost with its executor is done again, from its first unwritten slice")
	private int slices_per_task = JobSettings.SLICES_PER_TASK;

	/** The keys, their values and the volumes they name. */
	public record Parsed(JobSettings settings, List<VolumeRequest> volumes) {}

	/** @return the command description of these keys, named as "segment" */
	static CommandInfo info() {
		return new CommandInfo(SegmentKeys.class, SegmentCommand.class.getAnnotation(Plugin.class));
	}

	/**
	 * Parses and checks the keys as the command line does; {@code input=} and
	 * {@code output=} are required unless {@code volumes=} lists the volumes.
	 *
	 * @throws InvalidInputException with the command line's message for a bad key
	 */
	public static Parsed parse(final Map<String, String> text) {
		final CommandInfo info = info();
		final Module defaults = defaults(info);
		final boolean listed = text.containsKey(VOLUMES);
		final Map<String, Object> v = CommandParameters.parse(info, defaults, text, !listed);
		final JobSettings settings = new JobSettings((File) v.get("model"), (int) value(v, info, defaults, "tile_size"),
			(int) value(v, info, defaults, "overlap"), (String) value(v, info, defaults, "device"), (boolean) value(v,
				info, defaults, "overwrite"), (int) value(v, info, defaults, SLICES_PER_TASK));
		final List<VolumeRequest> requests = new ArrayList<>();
		if (listed) {
			for (final String key : List.of(INPUT, OUTPUT, SLICES, DATASET))
				if (v.containsKey(key)) throw new InvalidInputException("Give " + key + "= in the lines of " + VOLUMES +
					"=, not beside it");
			requests.addAll(VolumeList.read(((File) v.get(VOLUMES)).toPath(), info));
		}
		else requests.add(VolumeRequest.of((File) v.get(INPUT), (File) v.get(OUTPUT), (String) v.get(SLICES),
			(String) v.get(DATASET)));
		return new Parsed(settings, requests);
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
