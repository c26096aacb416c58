package org.xrayseg.imagej1;

import java.awt.Checkbox;
import java.awt.Choice;
import java.awt.TextField;
import java.awt.Window;
import java.awt.event.ActionEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Vector;

import ij.Macro;
import ij.gui.GenericDialog;
import ij.plugin.frame.Recorder;

import org.xrayseg.core.convert.Pixels;
import org.xrayseg.core.io.FileSliceSource;

/**
 * Fills the "Segment" dialog as a user would, with the Macro Recorder on,
 * then replays the recorded options as a macro does. Used in plain ImageJ
 * (RecordReplayTest) and in Fiji with imagej-legacy (FijiIT).
 */
public final class SegmentDialogRecording {

	/** The recorded options and the label slices of both runs. */
	public record Result(String options, float[][] dialogRun, float[][] replay) {}

	private SegmentDialogRecording() {}

	public static Result recordAndReplay(final Path model, final Path input, final Path output)
		throws Exception
	{
		Recorder.record = true;
		Recorder.setCommand("Segment");
		final Thread menu = new Thread(() -> new CommandPlugin().run("segment"), "Run$_menu");
		menu.start();
		final GenericDialog gd = waitForDialog();
		final Vector<?> files = gd.getStringFields();
		((TextField) files.get(0)).setText(model.toString());
		((TextField) files.get(1)).setText(input.toString());
		((TextField) files.get(2)).setText(output.toString());
		for (final Object field : files) // tile_size, the one text field that shows "auto"
			if ("auto".equals(((TextField) field).getText())) ((TextField) field).setText("64");
		for (final Object choice : gd.getChoices()) { // device, the one choice that offers "cpu"
			final Choice c = (Choice) choice;
			for (int i = 0; i < c.getItemCount(); i++)
				if (c.getItem(i).equals("cpu")) c.select("cpu");
		}
		for (final Object box : gd.getCheckboxes())
			if (((Checkbox) box).getLabel().equals("Overwrite")) ((Checkbox) box).setState(true);
		gd.actionPerformed(new ActionEvent(gd.getButtons()[0], ActionEvent.ACTION_PERFORMED, "OK"));
		menu.join(120_000);
		final String options = Recorder.getCommandOptions();
		Recorder.record = false;
		final float[][] dialogRun = slices(output);
		Files.delete(output);
		final Thread macro = new Thread(() -> {
			Macro.setOptions(options);
			new CommandPlugin().run("segment");
		}, "Run$_macro");
		macro.start();
		macro.join(120_000);
		return new Result(options, dialogRun, slices(output));
	}

	private static float[][] slices(final Path stack) {
		if (!Files.isRegularFile(stack)) throw new AssertionError(stack + " was not written");
		try (FileSliceSource s = FileSliceSource.open(stack)) {
			final float[][] all = new float[s.size()][];
			for (int z = 0; z < all.length; z++)
				all[z] = Pixels.toFloats(s.slice(z));
			return all;
		}
	}

	/**
	 * @return the command's dialog once it shows (the one with text fields: another dialog that shows
	 *         meanwhile, such as one closing, is passed over and named if the command's never opens)
	 */
	private static GenericDialog waitForDialog() throws InterruptedException {
		final java.util.Set<String> others = new java.util.TreeSet<>();
		for (int i = 0; i < 600; i++) {
			for (final Window w : Window.getWindows()) {
				if (!(w instanceof GenericDialog) || !w.isShowing()) continue;
				final GenericDialog gd = (GenericDialog) w;
				if (gd.getStringFields() != null) return gd;
				others.add(String.valueOf(gd.getTitle())); // a dialog closing may have lost its title
			}
			Thread.sleep(100);
		}
		throw new AssertionError("the dialog did not open; other dialogs seen: " + others);
	}
}
