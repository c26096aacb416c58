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
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xrayseg.TestData;
import org.xrayseg.cli.Main;
import org.xrayseg.command.ExitCode;
import org.xrayseg.core.model.EpochRecord;
import org.xrayseg.core.model.ModelFile;

/**
 * A NaN loss (injected through the test seam of core.train.FaultInjection)
 * stops training with one line that names the epoch and step: no model, no
 * plot, and the checkpoint of the last finished epoch stays as it was, so that
 * resume=true continues from it. The U-Net trains in mixed precision here:
 * the guard checks the float32 gradients its bfloat16 passes give.
 */
@Tag("trains")
class NonFiniteGuardTest {

	private static final String NAN_LOSS_AT = "xrayseg.test.nan-loss-at";

	@TempDir
	Path dir;

	private String err;

	@AfterEach
	void noInjection() {
		System.clearProperty(NAN_LOSS_AT);
	}

	@Test
	void aNaNLossStopsTrainingWithOneLineAndKeepsTheLastCheckpoint() throws IOException {
		final Path model = dir.resolve("m.xrsm");
		final Path plot = dir.resolve("history.png");
		final Path checkpoint = dir.resolve("m.xrsm.checkpoint");

		System.setProperty(NAN_LOSS_AT, "2:3");
		assertEquals(ExitCode.FAILED, train("train-unet", model, plot, "precision=bfloat16"));
		assertEquals("error: Training stopped at epoch 2, step 3: the U-Net's loss is NaN. Nothing was saved; the " +
			"checkpoint after epoch 1 is kept (resume=true continues from it). Try a lower learning_rate; if this " +
			"happens from the first steps on, the processor's native convolution code may be at fault: run with " +
			"the environment variable ONEDNN_MAX_CPU_ISA=SSE41\n", err);
		assertFalse(Files.exists(model) || Files.exists(plot), "nothing saved");
		// the share of the matmul peak is unknown (NaN) where other programs took cores meanwhile: not a number trained
		final String state = state(checkpoint).replace("\"peakShare\":NaN", "");
		assertTrue(state.contains("\"epoch\":1,") && !state.contains("NaN") && !state.contains("Infinity"), state);
		final byte[] kept = Files.readAllBytes(checkpoint);

		System.setProperty(NAN_LOSS_AT, "2:1");
		assertEquals(ExitCode.FAILED, train("train-unet", model, plot, "precision=bfloat16", "resume=true"));
		assertTrue(err.startsWith("error: Training stopped at epoch 2, step 1: the U-Net's loss is NaN. Nothing was " +
			"saved; the checkpoint after epoch 1 is kept"), err);
		assertArrayEquals(kept, Files.readAllBytes(checkpoint), "the checkpoint is untouched");

		System.clearProperty(NAN_LOSS_AT);
		assertEquals(ExitCode.OK, train("train-unet", model, plot, "precision=bfloat16", "resume=true"), err);
		final List<EpochRecord> history = ModelFile.readMetadata(model).training().history();
		assertEquals(2, history.size());
		for (final EpochRecord e : history)
			assertTrue(Double.isFinite(e.losses().get("loss")) && Double.isFinite(e.meanValidationDice()), e.toString());
		assertFalse(Files.exists(checkpoint));
	}

	@Test
	void aNaNInTheFirstStepOfPix2PixSaysThereIsNoCheckpoint() {
		System.setProperty(NAN_LOSS_AT, "1:1");
		final Path model = dir.resolve("p.xrsm");
		assertEquals(ExitCode.FAILED, train("train-pix2pix", model, dir.resolve("p.png")));
		assertEquals("error: Training stopped at epoch 1, step 1: the generator's loss is NaN. Nothing was saved. " +
			"Try a lower learning_rate; if this happens from the first steps on, the processor's native " +
			"convolution code may be at fault: run with the environment variable ONEDNN_MAX_CPU_ISA=SSE41\n", err);
		assertEquals(0, dir.toFile().list().length, "no file written");
	}

	private int train(final String command, final Path model, final Path plot, final String... more) {
		final Path data = TestData.volume();
		final List<String> args = new ArrayList<>(List.of(command, "images=" + data.resolve("train/images"),
			"labels=" + data.resolve("train/labels"), "model=" + model, "plot=" + plot, "epochs=2",
			"steps_per_epoch=4", "batch_size=2", "patch_size=32", "depth=2", "base_filters=16", "seed=3",
			"device=cpu"));
		args.addAll(List.of(more));
		final ByteArrayOutputStream e = new ByteArrayOutputStream();
		final int code = Main.run(args.toArray(new String[0]), new PrintStream(new ByteArrayOutputStream(), true,
			StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8));
		err = e.toString(StandardCharsets.UTF_8);
		// progress lines come first; the message is the last line
		final String[] lines = err.split("\n");
		err = lines[lines.length - 1] + "\n";
		return code;
	}

	private static String state(final Path checkpoint) throws IOException {
		try (ZipFile zip = new ZipFile(checkpoint.toFile())) {
			return new String(zip.getInputStream(zip.getEntry("state.json")).readAllBytes(), StandardCharsets.UTF_8);
		}
	}
}
