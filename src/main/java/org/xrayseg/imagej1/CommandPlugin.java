package org.xrayseg.imagej1;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import ij.IJ;
import ij.ImagePlus;
import ij.Macro;
import ij.WindowManager;
import ij.macro.Interpreter;
import ij.plugin.PlugIn;

import org.scijava.Context;
import org.scijava.command.CommandInfo;
import org.scijava.module.Module;
import org.scijava.module.ModuleItem;
import org.xrayseg.command.CommandParameters;
import org.xrayseg.command.CommandRunner;
import org.xrayseg.command.KeyValueText;
import org.xrayseg.core.error.CancelledException;
import org.xrayseg.core.error.InvalidInputException;
import org.xrayseg.core.error.SegmentationException;

/**
 * The ImageJ 1.x entry of every menu command (see plugins.config): runs the
 * SciJava command named by the argument. From the menu it shows a dialog made
 * from the command's parameters; from a macro it reads the same keys from the
 * options and never opens a dialog, so that a missing key fails at once.
 * Open images are wrapped, not copied; results are shown as ImageJ tables,
 * images and plots. Errors are one line: a message box from the menu, the
 * Log and an aborted macro from a macro.
 */
public class CommandPlugin implements PlugIn {

	private static final String TITLE = "X-Ray Segmentation";

	/**
	 * Inputs that a menu entry fills itself, neither asked in its dialog nor read from its macro options.
	 *
	 * @param images open images by key (the first is the one the command works on)
	 * @param values other inputs by key
	 * @param unused keys left empty (files that the images stand for)
	 */
	protected record Given(Map<String, ImagePlus> images, Map<String, Object> values, Set<String> unused) {

		static final Given NONE = new Given(Map.of(), Map.of(), Set.of());

		Set<String> keys() {
			final Set<String> keys = new HashSet<>(images.keySet());
			keys.addAll(values.keySet());
			keys.addAll(unused);
			return keys;
		}
	}

	/** @return what this entry fills itself: nothing, for the plain commands */
	protected Given given() {
		return Given.NONE;
	}

	/**
	 * Called after the outputs are shown: {@code module} the command run, {@code input} the image worked on (or
	 * null), {@code labels} the label images shown.
	 */
	protected void shown(final Module module, final ImagePlus input, final List<ImagePlus> labels) {}

	@Override
	public void run(final String command) {
		final String options = Macro.getOptions();
		try {
			final Context context = SciJavaContext.get();
			final CommandRunner runner = new CommandRunner(context);
			final CommandInfo info = runner.find(command);
			if (info == null) throw new SegmentationException("No X-Ray Segmentation command '" + command +
				"' (is the plugin installed completely? see README)");
			final Module module = runner.instantiate(info);
			final Given given = given();
			final Map<String, ImagePlus> images = new LinkedHashMap<>(given.images());
			final Map<String, Object> inputs;
			if (options != null) inputs = fromMacro(info, module, options, images, given.keys());
			else {
				final ParameterDialog dialog = new ParameterDialog(info, module, given.keys());
				if (!dialog.show()) return;
				images.putAll(dialog.images());
				inputs = CommandParameters.parse(info, module, dialog.text(), false);
				dialog.record();
			}
			inputs.putAll(given.values());
			CommandRunner.setInputs(module, inputs);
			images.forEach((k, imp) -> CommandRunner.setInputs(module, Map.of(k, ImagePlusBridge.wrap(imp))));
			ImageMetadata.fill(module, images.isEmpty() ? null : images.values().iterator().next());
			try (ImageJProgress progress = new ImageJProgress(context, info.getLabel(), options == null)) {
				module.run();
			}
			final ImagePlus input = images.isEmpty() ? null : images.values().iterator().next();
			shown(module, input, Outputs.show(module, input, fallbackTitle(inputs)));
			IJ.showStatus(info.getLabel() + ": done");
		}
		catch (final CancelledException e) {
			IJ.showStatus(e.getMessage());
			IJ.log(TITLE + ": " + e.getMessage());
			if (options != null) abortMacro();
		}
		catch (final SegmentationException e) {
			fail(e.getMessage(), options != null);
		}
		catch (final RuntimeException e) {
			if (Macro.MACRO_CANCELED.equals(e.getMessage())) throw e;
			if (!CommandRunner.isExpected(e)) IJ.log(TITLE + ": unexpected " + e);
			fail(CommandRunner.describe(e), options != null);
		}
	}

	private static Map<String, Object> fromMacro(final CommandInfo info, final Module module, final String options,
		final Map<String, ImagePlus> images, final Set<String> given)
	{
		final Map<String, String> text = KeyValueText.parseMacro(options);
		text.keySet().removeAll(given);
		for (final ModuleItem<?> item : CommandParameters.userInputs(info)) {
			if (!ParameterDialog.isImage(item) || given.contains(item.getName())) continue;
			final String title = text.remove(item.getName());
			if (title == null || title.equals(ParameterDialog.NONE)) continue;
			final ImagePlus imp = WindowManager.getImage(title);
			if (imp == null) throw new InvalidInputException("No open image called '" + title + "' (" + item.getName() +
				"=)");
			images.put(item.getName(), imp);
		}
		return CommandParameters.parse(info, module, text, false);
	}

	private static String fallbackTitle(final Map<String, Object> inputs) {
		final Object input = inputs.get("input");
		return input instanceof java.io.File ? ((java.io.File) input).getName() : "segmentation";
	}

	private static void fail(final String message, final boolean macro) {
		IJ.showStatus("");
		if (macro) {
			IJ.log(TITLE + " error: " + message);
			abortMacro();
		}
		else IJ.error(TITLE, message);
	}

	/** Stops the calling macro, so that its next lines do not run on missing results. */
	private static void abortMacro() {
		if (Interpreter.getInstance() != null) Interpreter.abort();
		else Macro.abort();
	}
}
