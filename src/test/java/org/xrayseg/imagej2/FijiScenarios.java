package org.xrayseg.imagej2;

import java.awt.Menu;
import java.awt.MenuBar;
import java.awt.MenuItem;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Hashtable;
import java.util.Map;
import java.util.TreeMap;

import ij.IJ;
import ij.ImagePlus;
import ij.Menus;
import ij.WindowManager;
import ij.plugin.FolderOpener;
import ij.process.LUT;

import org.scijava.Context;
import org.scijava.menu.MenuService;
import org.scijava.menu.ShadowMenu;

/**
 * Checks made inside a running Fiji (ImageJ2 with imagej-legacy and its UI),
 * each printing {@code RESULT key value} lines that {@link FijiIT} reads.
 */
final class FijiScenarios {

	static final String MENU = "X-Ray Segmentation";

	private FijiScenarios() {}

	/** @return the exit code: 0 if the scenario ran to its end */
	static int run(final Context context, final String name, final String[] args) throws Exception {
		switch (name) {
			case "menus":
				menus(context);
				break;
			case "context":
				context(context, args[0]);
				break;
			case "calibration":
				calibration(args[0], args[1], args[2]);
				break;
			case "record":
				FijiRecording.recordAndReplay(args[0], args[1], args[2]);
				break;
			default:
				throw new IllegalArgumentException("no scenario " + name);
		}
		System.out.println("RESULT done true");
		return 0;
	}

	/** How often each of our commands appears: ImageJ 1.x's command table and menu bar, SciJava's menus. */
	private static void menus(final Context context) {
		@SuppressWarnings("unchecked")
		final Hashtable<String, String> commands = Menus.getCommands();
		commands.forEach((label, command) -> {
			if (command.startsWith("org.xrayseg.")) System.out.println("RESULT ij1-command " + label + " -> " + command);
		});
		final Map<String, Integer> bar = new TreeMap<>();
		final MenuBar menuBar = Menus.getMenuBar();
		for (int m = 0; m < menuBar.getMenuCount(); m++)
			count(menuBar.getMenu(m), menuBar.getMenu(m).getLabel(), bar);
		bar.forEach((path, n) -> {
			if (path.contains(MENU)) System.out.println("RESULT ij1-menu " + path + " " + n);
		});
		final Map<String, Integer> scijava = new TreeMap<>();
		count(context.service(MenuService.class).getMenu(), "", scijava);
		scijava.forEach((path, n) -> {
			if (path.contains(MENU)) System.out.println("RESULT scijava-menu " + path + " " + n);
		});
	}

	private static void count(final Menu menu, final String path, final Map<String, Integer> counts) {
		for (int i = 0; i < menu.getItemCount(); i++) {
			final MenuItem item = menu.getItem(i);
			final String p = path + ">" + item.getLabel();
			if (item instanceof Menu) count((Menu) item, p, counts);
			else counts.merge(p, 1, Integer::sum);
		}
	}

	private static void count(final ShadowMenu menu, final String path, final Map<String, Integer> counts) {
		for (final ShadowMenu child : menu.getChildren()) {
			final String p = path.isEmpty() ? child.getName() : path + ">" + child.getName();
			if (child.isLeaf()) counts.merge(p, 1, Integer::sum);
			else count(child, p, counts);
		}
	}

	/** Runs a command from a macro and reports which SciJava context it ran in. */
	private static void context(final Context context, final String output) throws Exception {
		IJ.run("Synthetic Test Volume", "output=[" + output + "] slices=3 train_slices=2 size=32");
		final Class<?> bridge = Class.forName("org.xrayseg.imagej1.SciJavaContext");
		final Method get = bridge.getDeclaredMethod("get");
		get.setAccessible(true);
		final Field own = bridge.getDeclaredField("own");
		own.setAccessible(true);
		System.out.println("RESULT same-context " + (get.invoke(null) == context));
		System.out.println("RESULT second-context " + (own.get(null) != null));
	}

	/** Segments a calibrated open stack, then scores it against the open reference labels. */
	private static void calibration(final String model, final String images, final String labels) {
		final ImagePlus stack = FolderOpener.open(images);
		stack.getCalibration().pixelWidth = 0.65;
		stack.getCalibration().pixelHeight = 0.65;
		stack.getCalibration().pixelDepth = 1.3;
		stack.getCalibration().setUnit("micron");
		stack.setTitle("scan");
		stack.show();
		IJ.run("Segment", "model=[" + model + "] image=[scan]");
		final ImagePlus result = WindowManager.getCurrentImage();
		System.out.println("RESULT labels-title " + result.getTitle());
		System.out.println("RESULT labels-slices " + result.getStackSize());
		System.out.println("RESULT labels-calibration " + result.getCalibration().pixelWidth + " " + result
			.getCalibration().pixelHeight + " " + result.getCalibration().pixelDepth + " " + result.getCalibration()
				.getUnit());
		final LUT lut = result.getProcessor().getLut();
		System.out.println("RESULT labels-colours " + Integer.toHexString(lut.getRGB(0) & 0xffffff) + " " + Integer
			.toHexString(lut.getRGB(128) & 0xffffff) + " " + Integer.toHexString(lut.getRGB(255) & 0xffffff));
		final ImagePlus truth = FolderOpener.open(labels);
		truth.setTitle("reference");
		truth.show();
		IJ.run("Evaluate Segmentation", "prediction_image=[" + result.getTitle() + "] truth_image=[reference]");
		System.out.println("RESULT windows " + String.join("|", WindowManager.getNonImageTitles()));
		System.out.println("RESULT images " + String.join("|", WindowManager.getImageTitles()));
		final String log = IJ.getLog();
		System.out.println("RESULT log [" + (log == null ? "" : log.trim().replace('\n', '|')) + "]");
	}
}
