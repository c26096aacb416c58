package org.xrayseg.spark;

import java.io.File;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.scijava.command.CommandInfo;
import org.scijava.module.Module;
import org.scijava.module.ModuleException;
import org.scijava.module.ModuleItem;
import org.scijava.plugin.Plugin;
import org.xrayseg.command.CommandParameters;
import org.xrayseg.command.SegmentCommand;
import org.xrayseg.core.error.InvalidInputException;
import org.xrayseg.core.infer.Precision;
import org.xrayseg.core.infer.SegmentationRun;
import org.xrayseg.core.infer.TestTimeAugmentation;
import org.xrayseg.core.infer.TiledPredictor;

/**
 * The keys of a Spark job: those of "segment", defined by its
 * {@code @Parameter} fields (so that names, checks and messages are the
 * command line's), and those of {@link SparkKeys}. A key of "segment" that the
 * job cannot honour (one added to the command later, say) is refused rather
 * than ignored.
 */
public final class SegmentKeys {

	static final String INPUT = "input";
	static final String OUTPUT = "output";
	static final String TRUTH = "truth";

	/** The keys of "segment" that the job honours. */
	private static final Set<String> SUPPORTED = Set.of("model", INPUT, OUTPUT, "tile_size", "overlap", "device",
		"tta", "precision", "overwrite", "slices", "dataset");

	private SegmentKeys() {}

	/**
	 * The keys, their values and the volumes they name.
	 *
	 * @param table the CSV file for the summary table, or null
	 */
	public record Parsed(JobSettings settings, List<VolumeRequest> volumes, File table) {}

	/** @return the keys of "segment" */
	static CommandInfo segment() {
		return new CommandInfo(SegmentCommand.class, SegmentCommand.class.getAnnotation(Plugin.class));
	}

	/** @return the keys of the job only, named as "segment" in messages */
	static CommandInfo spark() {
		return new CommandInfo(SparkKeys.class, SegmentCommand.class.getAnnotation(Plugin.class));
	}

	/**
	 * Parses and checks the keys as the command line does.
	 *
	 * @throws InvalidInputException with the command line's message for a bad key
	 */
	public static Parsed parse(final Map<String, String> text) {
		final CommandInfo segment = segment();
		final CommandInfo spark = spark();
		final Module segmentDefaults = defaults(segment);
		final Module sparkDefaults = defaults(spark);
		final Map<String, String> segmentText = new LinkedHashMap<>();
		final Map<String, String> sparkText = new LinkedHashMap<>();
		for (final Map.Entry<String, String> e : text.entrySet()) {
			final String key = e.getKey();
			if (segment.getInput(key) != null) {
				if (!SUPPORTED.contains(key)) throw new InvalidInputException(key + "= is a key of segment that the " +
					"Spark job does not support yet");
				segmentText.put(key, e.getValue());
			}
			else if (spark.getInput(key) != null) sparkText.put(key, e.getValue());
			else CommandParameters.parse(segment, segmentDefaults, Map.of(key, e.getValue()), false); // says why
		}
		final Map<String, Object> v = new LinkedHashMap<>(CommandParameters.parse(spark, sparkDefaults, sparkText,
			true));
		v.putAll(CommandParameters.parse(segment, segmentDefaults, segmentText, true));
		final Values values = new Values(v, List.of(segmentDefaults, sparkDefaults));
		final JobSettings settings = new JobSettings((File) values.get("model"), SegmentationRun.parseTileSize(
			(String) values.get("tile_size")), TiledPredictor.TILE_BATCH, (int) values.get("overlap"), (String) values
				.get("device"), TestTimeAugmentation.parse((String) values.get("tta")), Precision.parse((String) values
					.get("precision")), (boolean) values.get("overwrite"), (int) values.get("slices_per_task"),
			(boolean) values.get("quality_tables"));
		final List<VolumeRequest> volumes = VolumeRequest.expand((File) values.get(INPUT), (File) values.get(OUTPUT),
			(File) values.get(TRUTH), (String) values.get("slices"), (String) values.get("dataset"));
		return new Parsed(settings, volumes, (File) values.get("table"));
	}

	/** @return every key a user can give, those of "segment" first, each once, with its defaults */
	static List<Map.Entry<ModuleItem<?>, Module>> keys() {
		final List<Map.Entry<ModuleItem<?>, Module>> keys = new ArrayList<>();
		final List<String> names = new ArrayList<>();
		final CommandInfo segment = segment();
		for (final CommandInfo info : List.of(segment, spark())) {
			final Module defaults = defaults(info);
			for (final ModuleItem<?> item : CommandParameters.userInputs(info)) {
				if (!CommandParameters.isText(item) || names.contains(item.getName())) continue;
				if (info == segment && !SUPPORTED.contains(item.getName())) continue;
				names.add(item.getName());
				keys.add(Map.entry(item, defaults));
			}
		}
		return keys;
	}

	static Module defaults(final CommandInfo info) {
		try {
			return info.createModule();
		}
		catch (final ModuleException e) {
			throw new IllegalStateException("Cannot make the keys of " + info.getName(), e);
		}
	}

	/** The values given, else the defaults of the command that defines the key. */
	private record Values(Map<String, Object> given, List<Module> defaults) {

		Object get(final String key) {
			if (given.containsKey(key)) return given.get(key);
			for (final Module m : defaults)
				if (m.getInfo().getInput(key) != null) return m.getInfo().getInput(key).getValue(m);
			return null;
		}
	}
}
