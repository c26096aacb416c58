package org.xrayseg.imagej1;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Checkbox;
import java.awt.Choice;
import java.awt.GraphicsEnvironment;
import java.awt.TextField;
import java.awt.Window;
import java.awt.event.ActionEvent;
import java.awt.event.KeyEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Vector;

import ij.IJ;
import ij.Macro;
import ij.gui.GenericDialog;
import ij.plugin.frame.Recorder;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xrayseg.TestData;
import org.xrayseg.core.convert.Pixels;
import org.xrayseg.core.io.FileSliceSource;

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

		Recorder.record = true;
		Recorder.setCommand("Segment");
		final Thread menu = new Thread(() -> new CommandPlugin().run("segment"), "Run$_menu");
		menu.start();
		final GenericDialog gd = waitForDialog();
		final Vector<?> files = gd.getStringFields();
		((TextField) files.get(0)).setText(model.toString());
		((TextField) files.get(1)).setText(input.toString());
		((TextField) files.get(2)).setText(output.toString());
		((TextField) gd.getNumericFields().get(0)).setText("64");
		((Choice) gd.getChoices().get(1)).select("cpu");
		((Checkbox) gd.getCheckboxes().get(0)).setState(true);
		gd.actionPerformed(new ActionEvent(gd.getButtons()[0], ActionEvent.ACTION_PERFORMED, "OK"));
		menu.join(120_000);
		final String options = Recorder.getCommandOptions();
		Recorder.record = false;
		assertNotNull(options, "nothing was recorded");
		assertEquals("model=" + model + " input=" + input + " output=" + output +
			" tile_size=64 overlap=32 device=cpu overwrite=true", options.trim());
		final float[][] dialogRun = slices(output);

		Files.delete(output);
		final Thread macro = new Thread(() -> {
			Macro.setOptions(options);
			new CommandPlugin().run("segment");
		}, "Run$_macro");
		macro.start();
		macro.join(120_000);
		final float[][] replay = slices(output);
		assertEquals(2, replay.length);
		for (int z = 0; z < replay.length; z++)
			assertArrayEquals(dialogRun[z], replay[z]);
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
		Thread.sleep(4000);
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

	private static float[][] slices(final Path stack) {
		assertTrue(Files.isRegularFile(stack), stack + " was not written");
		try (FileSliceSource s = FileSliceSource.open(stack)) {
			final float[][] all = new float[s.size()][];
			for (int z = 0; z < all.length; z++)
				all[z] = Pixels.toFloats(s.slice(z));
			return all;
		}
	}

	private static GenericDialog waitForDialog() throws InterruptedException {
		for (int i = 0; i < 600; i++) {
			for (final Window w : Window.getWindows())
				if (w instanceof GenericDialog && w.isShowing()) return (GenericDialog) w;
			Thread.sleep(100);
		}
		throw new AssertionError("the dialog did not open");
	}
}
