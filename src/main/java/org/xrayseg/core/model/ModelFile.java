package org.xrayseg.core.model;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import ai.djl.Device;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;

import org.xrayseg.core.error.ModelFileException;
import org.xrayseg.core.io.AtomicOutput;

/**
 * Reads and writes model files: a zip archive holding {@value #METADATA}
 * (JSON, see {@link ModelMetadata}) and {@value #WEIGHTS} (DJL parameters);
 * an ensemble's further networks are {@code weights-2.params},
 * {@code weights-3.params}, ...
 * Writing is atomic. Reading never runs anything from the file and never
 * extracts it to disk: both entries are read into memory, with size limits.
 */
public final class ModelFile {

	public static final String METADATA = "metadata.json";
	public static final String WEIGHTS = "weights.params";
	/** The extension the commands suggest for model files. */
	public static final String EXTENSION = ".xrsm";
	private static final long MAX_ENTRY_BYTES = 1L << 31;

	private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues()
		.create();

	private ModelFile() {}

	/** Writes {@code model} to {@code file} atomically; an existing file is kept unless {@code overwrite}. */
	public static void save(final SegmentationModel model, final Path file, final boolean overwrite) {
		final List<byte[]> weights = model.networkWeights();
		try (AtomicOutput out = AtomicOutput.file(file, overwrite)) {
			try (OutputStream os = Files.newOutputStream(out.temporary()); ZipOutputStream zip = new ZipOutputStream(
				os))
			{
				put(zip, METADATA, toJson(model.metadata()).getBytes(StandardCharsets.UTF_8));
				for (int n = 0; n < weights.size(); n++)
					put(zip, weightsEntry(n), weights.get(n));
			}
			catch (final IOException e) {
				throw new UncheckedIOException("Could not write model " + file + ": " + e.getMessage(), e);
			}
			out.commit();
		}
	}

	private static void put(final ZipOutputStream zip, final String name, final byte[] data) throws IOException {
		zip.putNextEntry(new ZipEntry(name));
		zip.write(data);
		zip.closeEntry();
	}

	/** Reads only the metadata of a model file. */
	public static ModelMetadata readMetadata(final Path file) {
		return parseMetadata(file, readEntries(file).get(METADATA));
	}

	/** Reads only the weights of a model file (DJL's parameter format). */
	public static byte[] readWeights(final Path file) {
		final byte[] weights = readEntries(file).get(WEIGHTS);
		if (weights == null) throw new ModelFileException(file + " is damaged: it holds no " + WEIGHTS);
		return weights;
	}

	/** Loads a model file (one network or an ensemble) onto {@code device}. */
	public static SegmentationModel load(final Path file, final Device device) {
		final Map<String, byte[]> entries = readEntries(file);
		final ModelMetadata metadata = parseMetadata(file, entries.get(METADATA));
		final List<byte[]> weights = new ArrayList<>();
		for (int n = 0; n < metadata.networks(); n++) {
			final byte[] w = entries.get(weightsEntry(n));
			if (w == null) throw new ModelFileException(file + " is damaged: it holds no " + weightsEntry(n));
			weights.add(w);
		}
		try {
			return SegmentationModel.create(metadata, device, weights);
		}
		catch (final ModelFileException e) {
			throw new ModelFileException(file + ": " + e.getMessage(), e);
		}
	}

	/** @return the name of the entry of network {@code n} (0-based) */
	private static String weightsEntry(final int n) {
		return n == 0 ? WEIGHTS : "weights-" + (n + 1) + ".params";
	}

	public static String toJson(final ModelMetadata metadata) {
		return GSON.toJson(metadata);
	}

	private static Map<String, byte[]> readEntries(final Path file) {
		if (file == null) throw new ModelFileException("No model file given");
		if (Files.isDirectory(file)) throw new ModelFileException(file + " is a folder, not a model file (" + EXTENSION +
			")");
		if (!Files.isRegularFile(file)) throw new ModelFileException("Model file not found: " + file);
		final Map<String, byte[]> entries = new HashMap<>();
		try (ZipFile zip = new ZipFile(file.toFile())) {
			final Enumeration<? extends ZipEntry> all = zip.entries();
			while (all.hasMoreElements()) {
				final ZipEntry e = all.nextElement();
				if (METADATA.equals(e.getName()) || WEIGHTS.equals(e.getName()) || e.getName().matches(
					"weights-[0-9]{1,2}\\.params")) entries.put(e.getName(), readLimited(zip.getInputStream(e), file));
			}
		}
		catch (final ZipException e) {
			throw new ModelFileException(file + " is not a model file of this plugin (not a readable " + EXTENSION +
				" archive; damaged or another format)", e);
		}
		catch (final IOException e) {
			throw new ModelFileException("Cannot read model " + file + ": " + e.getMessage(), e);
		}
		if (!entries.containsKey(METADATA)) throw new ModelFileException(file +
			" is not a model file of this plugin (no " + METADATA + " inside)");
		return entries;
	}

	private static byte[] readLimited(final InputStream in, final Path file) throws IOException {
		final ByteArrayOutputStream out = new ByteArrayOutputStream();
		final byte[] buffer = new byte[1 << 16];
		long total = 0;
		for (int n; (n = in.read(buffer)) > 0;) {
			total += n;
			if (total > MAX_ENTRY_BYTES) throw new ModelFileException(file + " is not a valid model: an entry is larger than 2 GB");
			out.write(buffer, 0, n);
		}
		return out.toByteArray();
	}

	private static ModelMetadata parseMetadata(final Path file, final byte[] json) {
		final ModelMetadata m;
		try {
			m = GSON.fromJson(new String(json, StandardCharsets.UTF_8), ModelMetadata.class);
		}
		catch (final JsonParseException e) {
			throw new ModelFileException(file + " is damaged: its metadata is not valid JSON", e);
		}
		if (m == null || !ModelMetadata.FORMAT.equals(m.format())) throw new ModelFileException(file +
			" is not a model file of this plugin (unknown format)");
		if (m.formatVersion() > ModelMetadata.ENSEMBLE_FORMAT_VERSION) throw new ModelFileException(file +
			" was written by a newer version of X-Ray Segmentation (" + m.softwareVersion() + ", model format " + m
				.formatVersion() + "): update the plugin to read it");
		if (m.network() == null || !NetworkSpec.isKnownType(m.network().type())) throw new ModelFileException(file +
			" holds a network type this version does not know: update the plugin to read it");
		if (m.labelCodes() == null || m.labelCodes().length < 2 || m.network()
			.classes() != m.labelCodes().length || m.classNames() != null && m.classNames().length != m.labelCodes().length ||
			!(m.normalizationHigh() > m.normalizationLow()))
			throw new ModelFileException(file + " is damaged: its metadata is incomplete");
		if (m.networks() > SegmentationModel.MAX_NETWORKS) throw new ModelFileException(file + " is damaged: it " +
			"claims " + m.members() + " networks, more than the " + SegmentationModel.MAX_NETWORKS + " of an ensemble");
		if (m.normalisationMode() != null && !m.normalisationMode().equals("global") && !m.normalisationMode().equals(
			"per_image")) throw new ModelFileException(file + " normalises grey values in a way this version does " +
				"not know (" + m.normalisationMode() + "): update the plugin to read it");
		return m;
	}
}
