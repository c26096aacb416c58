package org.xrayseg.imagej1;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.GraphicsEnvironment;
import java.awt.event.KeyEvent;
import java.nio.file.Files;
import java.nio.file.Path;

import ij.IJ;
import ij.Macro;
import ij.plugin.frame.Recorder;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xrayseg.TestData;

/**
 * The menu path in ImageJ: fills the "Segment" dialog as a user would, with
 * the Macro Recorder on, then replays the recorded options as a macro does and
 * checks that both runs give the same labels.
 */
@Tag("trains")
class RecordReplayTest {

	@TempDir
	Path dir;

	@Test
	void aRecordedLineReplaysTheDialogRun() throws Exception {
		Assumptions.assumeFalse(GraphicsEnvironment.isHeadless(), "needs a display (xvfb-run)");
		final Path model = TestData.model();
		final Path input = TestData.volume().resolve("test/images");
		final Path output = dir.resolve("labels.tif");

		final SegmentDialogRecording.Result r = SegmentDialogRecording.recordAndReplay(model, input, output);
		assertNotNull(r.options(), "nothing was recorded");
		assertEquals("model=" + model + " input=" + input + " output=" + output +
			" tile_size=64 overlap=32 precision=auto device=cpu tta=auto probability_type=32-bit " +
			"confidence_measure=probability overwrite=true", r.options().trim());
		assertEquals(2, r.replay().length);
		for (int z = 0; z < r.replay().length; z++)
			assertArrayEquals(r.dialogRun()[z], r.replay()[z]);
	}

	@Test
	void escapeStopsTrainingAndNoModelIsWritten() throws Exception {
		Assumptions.assumeFalse(GraphicsEnvironment.isHeadless(), "needs a display (xvfb-run)");
		final Path data = TestData.volume();
		final Path model = dir.resolve("never.xrsm");
		final String options = "images=" + data.resolve("train/images") + " labels=" + data.resolve("train/labels") +
			" model=" + model + " epochs=1000 steps_per_epoch=20 patch_size=32 depth=2 base_filters=16 device=cpu";
		final Thread macro = new Thread(() -> {
			Macro.setOptions(options);
			new CommandPlugin().run("train-unet");
		}, "Run$_training");
		macro.start();
		// Esc once an epoch is checkpointed (a loaded or SSE4.1-only machine takes longer than a quiet one)
		final Path checkpoint = dir.resolve("never.xrsm.checkpoint");
		for (int waited = 0; waited < 120 && !Files.exists(checkpoint); waited++)
			Thread.sleep(500);
		assertTrue(macro.isAlive(), "training is still running when Esc is pressed");
		IJ.setKeyDown(KeyEvent.VK_ESCAPE);
		macro.join(30_000);
		IJ.resetEscape();
		assertTrue(!macro.isAlive(), "Esc stopped the training within 30 s");
		assertTrue(!Files.exists(model), "no model is written");
		try (java.util.stream.Stream<Path> left = Files.list(dir)) {
			assertEquals(java.util.List.of(dir.resolve("never.xrsm.checkpoint")), left.toList(),
				"only the checkpoint of the finished epochs is left, for resume=true");
		}
	}
}
