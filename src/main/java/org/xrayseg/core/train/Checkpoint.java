package org.xrayseg.core.train;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;

import org.xrayseg.core.error.InvalidInputException;
import org.xrayseg.core.error.ModelFileException;
import org.xrayseg.core.io.AtomicOutput;
import org.xrayseg.core.model.EpochRecord;
import org.xrayseg.core.model.ModelFile;

/**
 * The state of a training run after an epoch, written atomically next to the
 * model ({@code model.xrsm.checkpoint}) so that a killed run can continue: the
 * settings, the history, the best epoch so far, and named binary blobs (the
 * networks' weights and their optimisers' state). Deleted once the model is
 * saved.
 */
public final class Checkpoint {

	private static final String STATE = "state.json";
	private static final Gson GSON = new GsonBuilder().serializeSpecialFloatingPointValues().create();

	/**
	 * What a checkpoint holds besides the blobs.
	 *
	 * @param epoch the last epoch trained
	 * @param lastEpoch the epoch training ends after (the plan's, or earlier once it winds down)
	 * @param bestSmoothedEpoch the epoch of the best smoothed validation Dice so far (patience)
	 * @param initialDice the initial model's validation Dice, -1 without one
	 */
	record State(int epoch, Map<String, String> settings, List<EpochRecord> history, int lastEpoch,
		int bestSmoothedEpoch, double bestSmoothedDice, double initialDice, double seconds)
	{}

	/** A checkpoint as read back. */
	record Saved(State state, Map<String, byte[]> blobs) {}

	private final Path model;
	private final Path file;
	private final boolean resume;

	/**
	 * @param model the model file being trained
	 * @param resume continue from an existing checkpoint
	 */
	public Checkpoint(final Path model, final boolean resume) {
		this.model = model;
		this.file = model.resolveSibling(model.getFileName() + ".checkpoint");
		this.resume = resume;
	}

	/** @return the checkpoint of the network of fold {@code f} of a cross-validation ensemble ({@code model.foldF.checkpoint}) */
	Checkpoint forFold(final int f) {
		return new Checkpoint(model.resolveSibling(model.getFileName() + ".fold" + f), resume);
	}

	/** @return where the network of fold {@code f} is kept once trained, until the ensemble is saved */
	Path foldModel(final int f) {
		return model.resolveSibling(model.getFileName() + ".fold" + f + ModelFile.EXTENSION);
	}

	/** @return whether this run continues an interrupted one */
	boolean resumes() {
		return resume;
	}

	public Path file() {
		return file;
	}

	/** @return true if an interrupted run left a checkpoint that this run will not resume */
	public boolean isIgnored() {
		return !resume && Files.isRegularFile(file);
	}

	/**
	 * @return the saved state to continue from, or null to start afresh (no
	 *         resume asked, or nothing to resume)
	 * @throws InvalidInputException if the checkpoint was made with other settings
	 */
	Saved restore(final Map<String, String> settings) {
		if (!resume || !Files.isRegularFile(file)) return null;
		final Saved saved = read();
		if (!saved.state().settings().equals(settings)) throw new InvalidInputException(file +
			" was made with other settings (" + difference(saved.state().settings(), settings) +
			"): resume with the same keys, or delete it to start afresh");
		return saved;
	}

	/** Writes the state after an epoch, replacing the previous checkpoint atomically. */
	void save(final State state, final Map<String, byte[]> blobs) {
		try (AtomicOutput out = AtomicOutput.file(file, true)) {
			try (OutputStream os = Files.newOutputStream(out.temporary()); ZipOutputStream zip = new ZipOutputStream(
				os))
			{
				put(zip, STATE, GSON.toJson(state).getBytes(StandardCharsets.UTF_8));
				for (final Map.Entry<String, byte[]> b : blobs.entrySet())
					put(zip, b.getKey(), b.getValue());
			}
			catch (final IOException e) {
				throw new UncheckedIOException("Could not write checkpoint " + file + ": " + e.getMessage(), e);
			}
			out.commit();
		}
	}

	/** Removes the checkpoint (after the model is saved). */
	public void delete() {
		try {
			Files.deleteIfExists(file);
		}
		catch (final IOException e) {
			throw new UncheckedIOException("Could not delete " + file, e);
		}
	}

	private Saved read() {
		final Map<String, byte[]> blobs = new LinkedHashMap<>();
		State state = null;
		try (ZipFile zip = new ZipFile(file.toFile())) {
			final Enumeration<? extends ZipEntry> entries = zip.entries();
			while (entries.hasMoreElements()) {
				final ZipEntry e = entries.nextElement();
				final byte[] data = readAll(zip.getInputStream(e));
				if (STATE.equals(e.getName())) state = GSON.fromJson(new String(data, StandardCharsets.UTF_8),
					State.class);
				else blobs.put(e.getName(), data);
			}
		}
		catch (final ZipException | JsonParseException e) {
			throw new ModelFileException(file + " is damaged: delete it to start afresh", e);
		}
		catch (final IOException e) {
			throw new UncheckedIOException("Could not read " + file + ": " + e.getMessage(), e);
		}
		if (state == null || state.settings() == null || state.history() == null || state.lastEpoch() < 1) throw new ModelFileException(file +
			" is damaged: delete it to start afresh");
		return new Saved(state, blobs);
	}

	private static void put(final ZipOutputStream zip, final String name, final byte[] data) throws IOException {
		zip.putNextEntry(new ZipEntry(name));
		zip.write(data);
		zip.closeEntry();
	}

	private static byte[] readAll(final InputStream in) throws IOException {
		final ByteArrayOutputStream out = new ByteArrayOutputStream();
		in.transferTo(out);
		return out.toByteArray();
	}

	private static String difference(final Map<String, String> saved, final Map<String, String> now) {
		for (final Map.Entry<String, String> e : now.entrySet())
			if (!e.getValue().equals(saved.get(e.getKey()))) return e.getKey() + " was " + saved.get(e.getKey()) +
				", now " + e.getValue();
		return "other keys";
	}
}
