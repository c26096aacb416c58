package org.xrayseg.reliability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xrayseg.TestData;
import org.xrayseg.cli.Main;
import org.xrayseg.core.model.ModelFile;

/**
 * A training process killed with SIGKILL after an epoch continues from its
 * checkpoint with resume=true and ends with exactly the model of an
 * uninterrupted run with the same seed (and the same threads: fixed here, as
 * in the test JVM; threads that follow the load change the last digits). It
 * trains in mixed precision: the float32 weights and Adam's moments in the
 * checkpoint are all a resumed run needs.
 */
@Tag("trains")
class KillAndResumeTest {

	@TempDir
	Path dir;

	@Test
	void killedTrainingResumesToTheSameModel() throws Exception {
		final Path data = TestData.volume();
		final List<String> keys = List.of("images=" + data.resolve("train/images"), "labels=" + data.resolve(
			"train/labels"), "epochs=5", "steps_per_epoch=15", "batch_size=2", "patch_size=32", "depth=2",
			"base_filters=16", "seed=5", "device=cpu", "precision=bfloat16");
		final Path whole = dir.resolve("whole.xrsm");
		assertEquals(0, cli(keys, "model=" + whole));

		final Path killed = dir.resolve("killed.xrsm");
		final Path checkpoint = dir.resolve("killed.xrsm.checkpoint");
		final List<String> command = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java")
			.toString(), "-Dai.djl.offline=true", "-Dxrayseg.threads=all", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
			"train-unet", "model=" + killed));
		command.addAll(keys);
		final Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("child.log")
			.toFile()).start();
		while (p.isAlive() && savedEpoch(checkpoint) < 2)
			Thread.sleep(20);
		p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
		assertTrue(savedEpoch(checkpoint) >= 2 && savedEpoch(checkpoint) < 5, "killed after epoch " + savedEpoch(
			checkpoint) + ":\n" + Files.readString(dir.resolve("child.log")));
		assertFalse(Files.exists(killed), "a killed run leaves no model");

		assertEquals(0, cli(keys, "model=" + killed, "resume=true"));
		assertFalse(Files.exists(checkpoint), "the checkpoint is removed once the model is saved");
		assertArrayEquals(entry(whole, ModelFile.WEIGHTS), entry(killed, ModelFile.WEIGHTS));
		assertEquals(5, ModelFile.readMetadata(killed).training().history().size());
	}

	private static int cli(final List<String> keys, final String... more) {
		final List<String> args = new ArrayList<>(List.of("train-unet"));
		args.addAll(keys);
		args.addAll(List.of(more));
		final ByteArrayOutputStream sink = new ByteArrayOutputStream();
		final PrintStream quiet = new PrintStream(sink, true, StandardCharsets.UTF_8);
		final int code = Main.run(args.toArray(new String[0]), quiet, quiet);
		if (code != 0) System.err.println(sink.toString(StandardCharsets.UTF_8));
		return code;
	}

	/** @return the epoch a checkpoint was saved after, 0 if there is none yet */
	private static int savedEpoch(final Path checkpoint) {
		if (!Files.isRegularFile(checkpoint)) return 0;
		try (ZipFile zip = new ZipFile(checkpoint.toFile())) {
			final String state = new String(zip.getInputStream(zip.getEntry("state.json")).readAllBytes(),
				StandardCharsets.UTF_8);
			final int at = state.indexOf("\"epoch\":");
			return Integer.parseInt(state.substring(at + 8, state.indexOf(',', at)).trim());
		}
		catch (final IOException | RuntimeException e) {
			return 0; // being replaced right now
		}
	}

	private static byte[] entry(final Path model, final String name) throws IOException {
		try (ZipFile zip = new ZipFile(model.toFile())) {
			return zip.getInputStream(zip.getEntry(name)).readAllBytes();
		}
	}
}
