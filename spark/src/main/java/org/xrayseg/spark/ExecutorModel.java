package org.xrayseg.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.xrayseg.core.model.ModelFile;
import org.xrayseg.core.model.SegmentationModel;
import org.xrayseg.core.runtime.DjlRuntime;

/**
 * The model of the executor JVM: loaded by the first task that needs it and
 * shared by every later and concurrent task of the JVM (the forward pass
 * only reads the weights), so that an executor holds one copy of the
 * weights in native memory however many tasks it runs. Keyed by the file's
 * path, size and time, and the device: a changed file is loaded again.
 */
final class ExecutorModel {

	private static final Map<String, SegmentationModel> MODELS = new HashMap<>();

	private ExecutorModel() {}

	/**
	 * @param threads PyTorch intra-op threads: the cores of one task
	 *          ({@code spark.task.cpus}), so that concurrent tasks of an executor
	 *          do not share cores; DJL's -Dai.djl.pytorch.num_threads wins where set
	 * @return the loaded model; never close it (it lives as long as the JVM)
	 */
	static synchronized SegmentationModel get(final Path file, final String device, final int threads) {
		final String key = key(file, device);
		SegmentationModel model = MODELS.get(key);
		if (model == null) {
			DjlRuntime.engine();
			if (!DjlRuntime.threadsConfigured()) DjlRuntime.threads(threads);
			model = ModelFile.load(file, DjlRuntime.device(device));
			MODELS.put(key, model);
		}
		return model;
	}

	private static String key(final Path file, final String device) {
		try {
			return file.toAbsolutePath() + "|" + Files.size(file) + "|" + Files.getLastModifiedTime(file).toMillis() +
				"|" + device;
		}
		catch (final IOException e) {
			if (!Files.exists(file)) return file.toAbsolutePath() + "|missing"; // ModelFile.load says so in one line
			throw new UncheckedIOException("Cannot read model " + file + ": " + e.getMessage(), e);
		}
	}
}
