package org.xrayseg.core.infer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.TreeMap;

import ai.djl.engine.Engine;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import com.google.gson.reflect.TypeToken;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xrayseg.core.io.AtomicOutput;
import org.xrayseg.core.runtime.DjlRuntime;

/**
 * Inference speeds measured on this machine, kept in a small JSON file so that
 * they are measured once per processor and network shape: for each such key,
 * the seconds per megapixel of tile of every tile size, batch and precision
 * tried. A missing, unreadable or corrupt file counts as empty (and is
 * replaced at the next save); saving is atomic.
 */
public final class TuningCache {

	/** System property: the cache file (default {@code ~/.cache/xrayseg/inference-tuning.json}). */
	public static final String FILE_PROPERTY = "xrayseg.tuning-cache";

	private static final Logger LOG = LoggerFactory.getLogger(TuningCache.class);
	private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

	private final Path file;
	private final Map<String, Map<String, Double>> entries;

	private TuningCache(final Path file, final Map<String, Map<String, Double>> entries) {
		this.file = file;
		this.entries = entries;
	}

	/**
	 * @return the part of every key that names this machine as it computes on the calling thread: processor,
	 *         engine and version, and PyTorch's threads, e.g. "AMD EPYC ..., PyTorch 2.7.1 2 threads"
	 */
	public static String machineKey() {
		final Engine engine = DjlRuntime.engine();
		return CpuInfo.current().key() + ", " + engine.getEngineName() + " " + engine.getVersion() + " " + DjlRuntime
			.threads() + " threads";
	}

	/** @return the cache file named by {@value #FILE_PROPERTY}, else one in the user's cache folder */
	public static Path defaultFile() {
		final String property = System.getProperty(FILE_PROPERTY);
		if (property != null && !property.isBlank()) return Paths.get(property);
		final String xdg = System.getenv("XDG_CACHE_HOME");
		final Path base = xdg != null && !xdg.isBlank() ? Paths.get(xdg) : Paths.get(System.getProperty("user.home"),
			".cache");
		return base.resolve("xrayseg").resolve("inference-tuning.json");
	}

	/** @return the measurements in {@code file}; none if it is missing or damaged */
	public static TuningCache load(final Path file) {
		final Map<String, Map<String, Double>> entries = new TreeMap<>();
		if (Files.isRegularFile(file)) {
			try {
				final Map<String, Map<String, Double>> read = GSON.fromJson(Files.readString(file,
					StandardCharsets.UTF_8), new TypeToken<TreeMap<String, TreeMap<String, Double>>>() {}.getType());
				if (read != null) read.forEach((k, v) -> {
					if (k != null && v != null) {
						final Map<String, Double> valid = new TreeMap<>();
						v.forEach((c, s) -> {
							if (c != null && s != null && s > 0 && Double.isFinite(s)) valid.put(c, s);
						});
						entries.put(k, valid);
					}
				});
			}
			catch (final IOException | JsonParseException | ClassCastException | IllegalStateException e) {
				LOG.warn("Ignoring the damaged inference tuning cache {} ({}); it will be measured again", file, e
					.getMessage());
				entries.clear();
			}
		}
		return new TuningCache(file, entries);
	}

	public Path file() {
		return file;
	}

	/** @return seconds per megapixel of tile measured for {@code config} under {@code key}, or null */
	public Double get(final String key, final String config) {
		final Map<String, Double> m = entries.get(key);
		return m == null ? null : m.get(config);
	}

	public void put(final String key, final String config, final double secondsPerMegapixel) {
		entries.computeIfAbsent(key, k -> new TreeMap<>()).put(config, secondsPerMegapixel);
	}

	/** Writes the measurements to the file (atomically); a failure is logged, not thrown: the cache is optional. */
	public void save() {
		try {
			Files.createDirectories(file.toAbsolutePath().getParent());
			try (AtomicOutput out = AtomicOutput.file(file, true)) {
				Files.writeString(out.temporary(), GSON.toJson(entries), StandardCharsets.UTF_8);
				out.commit();
			}
		}
		catch (final IOException | RuntimeException e) {
			LOG.warn("Could not save the inference tuning cache {}: {}", file, e.getMessage());
		}
	}
}
