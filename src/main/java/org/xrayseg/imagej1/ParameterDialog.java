package org.xrayseg.imagej1;

import java.awt.Checkbox;
import java.awt.Choice;
import java.awt.TextField;
import java.io.File;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Vector;

import ij.ImagePlus;
import ij.WindowManager;
import ij.gui.GenericDialog;
import ij.plugin.frame.Recorder;
import net.imglib2.RandomAccessibleInterval;

import org.scijava.module.Module;
import org.scijava.module.ModuleInfo;
import org.scijava.module.ModuleItem;
import org.scijava.widget.FileWidget;
import org.xrayseg.command.CommandParameters;

/**
 * An ImageJ dialog made from a command's {@code @Parameter} metadata: numbers,
 * check boxes, choices, file and folder fields, and choices of open images.
 * The values are read from the components themselves (not through
 * GenericDialog's recording getters), so that the Macro Recorder records the
 * command's own keys: a recorded line replays the same run.
 */
final class ParameterDialog {

	static final String NONE = "(none)";

	private final ModuleInfo info;
	private final Module defaults;
	private final List<ModuleItem<?>> items = new ArrayList<>();
	private final Map<String, String> text = new LinkedHashMap<>();
	private final Map<String, ImagePlus> images = new LinkedHashMap<>();

	/** @param given the keys the menu entry fills itself: not shown */
	ParameterDialog(final ModuleInfo info, final Module defaults, final java.util.Set<String> given) {
		this.info = info;
		this.defaults = defaults;
		for (final ModuleItem<?> item : CommandParameters.userInputs(info))
			if ((CommandParameters.isText(item) || isImage(item)) && !given.contains(item.getName())) items.add(item);
	}

	static boolean isImage(final ModuleItem<?> item) {
		return RandomAccessibleInterval.class.isAssignableFrom(item.getType());
	}

	/** Shows the dialog; returns false if the user cancelled. */
	boolean show() {
		final GenericDialog gd = new GenericDialog(info.getLabel());
		boolean firstImage = true;
		final StringBuilder help = new StringBuilder("<html><h3>" + info.getLabel() + "</h3><p>" + info
			.getDescription() + "</p><ul>");
		for (final ModuleItem<?> item : items) {
			help.append("<li><b>").append(item.getLabel()).append("</b> (").append(item.getName()).append("): ").append(
				item.getDescription()).append("</li>");
			if (isImage(item)) {
				gd.addChoice(item.getLabel(), imageTitles(), firstImage && WindowManager.getCurrentImage() != null
					? WindowManager.getCurrentImage().getTitle() : NONE);
				firstImage = false;
				continue;
			}
			final Object value = item.getValue(defaults);
			final Class<?> t = item.getType();
			if (t == File.class) {
				final String path = value == null ? "" : value.toString();
				if (FileWidget.DIRECTORY_STYLE.equals(item.getWidgetStyle())) gd.addDirectoryField(item.getLabel(), path);
				else gd.addFileField(item.getLabel(), path);
			}
			else if (t == boolean.class || t == Boolean.class) gd.addCheckbox(item.getLabel(), Boolean.TRUE.equals(
				value));
			else if (item.getChoices() != null && !item.getChoices().isEmpty()) gd.addChoice(item.getLabel(), item
				.getChoices().stream().map(String::valueOf).toArray(String[]::new), String.valueOf(value));
			else if (t == String.class) gd.addStringField(item.getLabel(), value == null ? "" : value.toString());
			else gd.addNumericField(item.getLabel(), ((Number) value).doubleValue(), decimals(item, (Number) value));
		}
		gd.addHelp(help.append("</ul></html>").toString());
		gd.showDialog();
		if (gd.wasCanceled()) return false;
		read(gd);
		return true;
	}

	private void read(final GenericDialog gd) {
		final Vector<?> numbers = gd.getNumericFields();
		final Vector<?> strings = gd.getStringFields();
		final Vector<?> boxes = gd.getCheckboxes();
		final Vector<?> choices = gd.getChoices();
		int n = 0;
		int s = 0;
		int b = 0;
		int c = 0;
		for (final ModuleItem<?> item : items) {
			final Class<?> t = item.getType();
			if (isImage(item)) {
				final String title = ((Choice) choices.get(c++)).getSelectedItem();
				if (!NONE.equals(title)) images.put(item.getName(), WindowManager.getImage(title));
			}
			else if (t == File.class || t == String.class && (item.getChoices() == null || item.getChoices().isEmpty()))
				text.put(item.getName(), ((TextField) strings.get(s++)).getText().trim());
			else if (t == boolean.class || t == Boolean.class) text.put(item.getName(), Boolean.toString(((Checkbox) boxes
				.get(b++)).getState()));
			else if (t == String.class) text.put(item.getName(), ((Choice) choices.get(c++)).getSelectedItem());
			else text.put(item.getName(), ((TextField) numbers.get(n++)).getText().trim());
		}
	}

	/** @return the text of every field by key (empty file fields included, as "") */
	Map<String, String> text() {
		final Map<String, String> given = new LinkedHashMap<>(text);
		given.values().removeIf(String::isEmpty);
		return given;
	}

	/** @return the chosen open images by key */
	Map<String, ImagePlus> images() {
		return images;
	}

	/** Records every chosen value under the command's own keys for the Macro Recorder. */
	void record() {
		if (!Recorder.record) return;
		for (final Map.Entry<String, ImagePlus> e : images.entrySet())
			Recorder.recordOption(e.getKey(), e.getValue().getTitle());
		for (final Map.Entry<String, String> e : text().entrySet())
			Recorder.recordOption(e.getKey(), e.getValue());
	}

	private static String[] imageTitles() {
		final List<String> titles = new ArrayList<>();
		titles.add(NONE);
		final int[] ids = WindowManager.getIDList();
		if (ids != null) for (final int id : ids)
			titles.add(WindowManager.getImage(id).getTitle());
		return titles.toArray(new String[0]);
	}

	private static int decimals(final ModuleItem<?> item, final Number value) {
		final Class<?> t = item.getType();
		if (t == int.class || t == Integer.class || t == long.class || t == Long.class) return 0;
		final double v = Math.abs(value.doubleValue());
		if (v == 0 || v == Math.rint(v)) return 1;
		return (int) Math.max(1, Math.min(9, Math.ceil(-Math.log10(v)) + 2));
	}
}
