package org.xrayseg.imagej2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.GraphicsEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.xrayseg.core.convert.Pixels;
import org.xrayseg.core.io.FileSliceSource;
import org.xrayseg.core.model.ModelFile;
import org.xrayseg.imagej1.ImageJBatch;
import org.xrayseg.updatesite.BuildUpdateSite;
import org.xrayseg.updatesite.SiteFile;

/**
 * The plugin inside Fiji: ImageJ2 with imagej-legacy (../shared/imagej2), the
 * plugin installed by bin/InstallImageJ.java with only the libraries Fiji
 * lacks, started as Fiji starts. Headless {@code --run} with the README's
 * command lines, the example macros through the legacy layer (the same files
 * as in plain ImageJ 1.54p), the menus, the one application context, open
 * calibrated images in and out, and a recorded dialog run replayed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FijiIT {

	private static final int SECONDS = 300;
	private static final Path DATA = Paths.get("test-images").toAbsolutePath();
	private static final List<String> LABELS = List.of("Train U-Net", "Train Pix2Pix", "Train from Annotations", "Segment",
		"Suggest Annotations", "Evaluate Segmentation", "Analyze Microstructure", "Compare Methods", "Learning Curve", "Noise Robustness",
		"Slab Generalisation", "Synthetic Test Volume");

	@TempDir
	static Path dir;

	private static FijiHarness fiji;

	@BeforeAll
	static void installIntoFiji() throws Exception {
		Assumptions.assumeTrue(FijiHarness.available(), "needs the ImageJ2 + imagej-legacy runtime in " +
			FijiHarness.RUNTIME);
		fiji = FijiHarness.install(dir.resolve("Fiji.app"));
	}

	@Test
	@Order(1)
	void onlyTheLibrariesFijiLacksAreAddedSoFijisVersionsAreTheOnesLoaded() throws IOException {
		final List<String> fijiHas = artifacts(FijiHarness.RUNTIME);
		final List<String> expected = new ArrayList<>();
		for (final String jar : names(Paths.get("target/deps")))
			if (!fijiHas.contains(artifact(jar)) && !SiteFile.fijiProvided().contains(artifact(jar))) expected.add(jar);
		assertEquals(expected, fiji.addedLibraries());
		final List<String> listed = new ArrayList<>(SiteFile.fijiProvided());
		listed.removeAll(List.of("ij", "slf4j-simple"));
		assertTrue(fijiHas.containsAll(listed), "Fiji has every library fiji-provided.txt says it has: " + listed);
	}

	@Test
	@Order(2)
	void headlessRunTrainsSegmentsAndEvaluatesWithTheReadmesCommandLines() throws Exception {
		final Path model = dir.resolve("run/unet.xrsm");
		Files.createDirectories(model.getParent());
		FijiHarness.Run r = fiji.run(SECONDS, "--headless", "--run", "Train U-Net", "images='" + DATA.resolve(
			"train/images") + "',labels='" + DATA.resolve("train/labels") + "',model='" + model +
			"',epochs=2,steps_per_epoch=10,batch_size=4,patch_size=64,depth=3,device='cpu'");
		assertEquals(0, r.exitCode(), r.output());
		assertTrue(r.output().contains("Training history:") && Files.isRegularFile(model), r.output());

		final Path labels = dir.resolve("run/labels");
		r = fiji.run(SECONDS, "--headless", "--run", "Segment", "model='" + model + "',input='" + DATA.resolve(
			"test/images") + "',output='" + labels + "'");
		assertEquals(0, r.exitCode(), r.output());
		assertEquals(6, names(labels).size());

		final Path table = dir.resolve("run/dice.csv");
		r = fiji.run(SECONDS, "--headless", "--run", "Evaluate Segmentation", "prediction='" + labels + "',truth='" +
			DATA.resolve("test/labels") + "',table='" + table + "'");
		assertEquals(0, r.exitCode(), r.output());
		assertEquals(5, Files.readAllLines(table).size());
		assertTrue(r.output().contains("Dice:\nphase"), r.output());

		final Path micro = dir.resolve("run/microstructure.csv");
		r = fiji.run(SECONDS, "--headless", "--run", "Analyze Microstructure", "labels='" + labels + "',voxel_size='0.5 um'" +
			",table='" + micro + "'");
		assertEquals(0, r.exitCode(), r.output());
		assertTrue(Files.readAllLines(micro).get(0).startsWith("phase,name,volume_fraction,"), r.output());
		assertTrue(Files.readAllLines(micro).get(1).endsWith(",\u00b5m"), r.output());

		// the macro form of the keys works too
		r = fiji.run(SECONDS, "--headless", "--run", "Segment", "model=" + model + " input=" + DATA.resolve(
			"test/images") + " output=" + dir.resolve("run/labels2.tif"));
		assertEquals(0, r.exitCode(), r.output());
		assertTrue(Files.isRegularFile(dir.resolve("run/labels2.tif")));
	}

	@Test
	@Order(3)
	void aFailedHeadlessRunEndsWithOneLineAndANonZeroExitCode() throws Exception {
		final String input = "input='" + DATA.resolve("test/images") + "'";
		FijiHarness.Run r = fiji.run(120, "--headless", "--run", "Segment", "model='" + dir.resolve("none.xrsm") +
			"'," + input + ",output='" + dir.resolve("never") + "'");
		assertEquals(1, r.exitCode(), r.output());
		assertEquals("error: Model file not found: " + dir.resolve("none.xrsm"), lastLine(r.output()));
		r = fiji.run(120, "--headless", "--run", "Segment", "modle='x.xrsm'," + input + ",output='" + dir.resolve(
			"never") + "'");
		assertEquals(2, r.exitCode(), r.output());
		assertEquals("error: Unknown key 'modle' for segment (did you mean 'model'?)", lastLine(r.output()));
		r = fiji.run(120, "--headless", "--run", "Segment", input);
		assertEquals(2, r.exitCode(), r.output());
		assertTrue(lastLine(r.output()).startsWith("error: Missing key "), r.output());
		assertFalse(Files.exists(dir.resolve("never")));
	}

	@Test
	@Order(4)
	void everyExampleMacroGivesTheSameFilesWithTheLegacyLayerAsInPlainImageJ() throws Exception {
		Assumptions.assumeFalse(GraphicsEnvironment.isHeadless(), "ImageJ 1.x batch mode needs a display (xvfb-run)");
		final Path legacy = Files.createDirectories(dir.resolve("macros-legacy"));
		final Path plain = Files.createDirectories(dir.resolve("macros-plain"));
		final Path imagej = plainImageJ();
		try (Stream<Path> macros = Files.list(Paths.get("macros"))) {
			for (final Path macro : macros.sorted().toList()) {
				final FijiHarness.Run r = fiji.run(SECONDS, "-batch", macro.toAbsolutePath().toString(), legacy
					.toString());
				assertFalse(r.output().contains("error"), macro + " with legacy:\n" + r.output());
				runPlain(imagej, macro, plain);
			}
		}
		assertSameFiles(plain, legacy);
	}

	@Test
	@Order(5)
	void evalRunsAMacroLineHeadless() throws Exception {
		final Path labels = dir.resolve("macros-legacy/test-labels");
		Assumptions.assumeTrue(Files.isDirectory(labels), "needs the labels of the macro test");
		// without a display ImageJ has no table windows: the Dice table is the Results table
		final FijiHarness.Run r = fiji.run(SECONDS, "--headless", "-eval", "run(\"Evaluate Segmentation\", " +
			"\"prediction=[" + labels + "] truth=[" + DATA.resolve("test/labels") + "]\"); print(\"mean Dice \" + " +
			"d2s(getResult(\"Dice mean\", 3), 4));");
		assertEquals(0, r.exitCode(), r.output());
		assertTrue(r.output().contains("mean Dice 0.9"), r.output());
	}

	@Test
	@Order(6)
	void eachCommandIsInTheMenuOnceForImageJAndForSciJava() throws Exception {
		Assumptions.assumeFalse(GraphicsEnvironment.isHeadless(), "the menu bar needs a display (xvfb-run)");
		final Map<String, String> result = scenario("menus");
		for (final String label : LABELS) {
			assertTrue(result.get("ij1-command " + label).startsWith("-> org.xrayseg.imagej1."), label);
			assertEquals("1", result.get("ij1-menu Plugins>" + FijiScenarios.MENU + ">" + label), label);
			assertEquals("1", result.get("scijava-menu Plugins>" + FijiScenarios.MENU + ">" + label), label);
		}
		assertEquals(LABELS.size(), result.keySet().stream().filter(k -> k.startsWith("ij1-command ")).count());
		assertEquals(LABELS.size(), result.keySet().stream().filter(k -> k.startsWith("ij1-menu ")).count());
		assertEquals(LABELS.size(), result.keySet().stream().filter(k -> k.startsWith("scijava-menu ")).count());
	}

	@Test
	@Order(7)
	void commandsRunInFijisOwnContext() throws Exception {
		Assumptions.assumeFalse(GraphicsEnvironment.isHeadless(), "needs a display (xvfb-run)");
		final Map<String, String> result = scenario("context", dir.resolve("synthetic").toString());
		assertEquals("true", result.get("same-context"));
		assertEquals("false", result.get("second-context"));
		assertEquals(2, names(dir.resolve("synthetic/train/images")).size());
	}

	@Test
	@Order(8)
	void anOpenCalibratedStackGoesInAndItsLabelsComeBackCalibratedWithPhaseColours() throws Exception {
		Assumptions.assumeFalse(GraphicsEnvironment.isHeadless(), "needs a display (xvfb-run)");
		final Path model = dir.resolve("run/unet.xrsm");
		Assumptions.assumeTrue(Files.isRegularFile(model), "needs the model of the --run test");
		final Map<String, String> result = scenario("calibration", model.toString(), DATA.resolve("test/images")
			.toString(), DATA.resolve("test/labels").toString());
		assertEquals("scan-labels", result.get("labels-title"));
		assertEquals("6", result.get("labels-slices"));
		assertEquals("0.65 0.65 1.3 micron", result.get("labels-calibration"));
		assertEquals("0 e69f00 56b4e9", result.get("labels-colours"), "one colour per phase");
		final List<String> windows = List.of(result.get("windows").split("\\|"));
		assertTrue(windows.containsAll(List.of("Dice", "Confusion matrix", "Evaluate Segmentation summary")),
			windows.toString());
		// the Log may say how Segment ran (its "Inference:" line), but the scores are in tables, not in text
		final String log = result.get("log");
		assertTrue(log != null && log.startsWith("[") && !log.contains("Dice"), "no scores in the Log: " + log);
	}

	@Test
	@Order(9)
	void aDialogRunRecordedByTheMacroRecorderReplaysToTheSameLabels() throws Exception {
		Assumptions.assumeFalse(GraphicsEnvironment.isHeadless(), "needs a display (xvfb-run)");
		final Path model = dir.resolve("run/unet.xrsm");
		Assumptions.assumeTrue(Files.isRegularFile(model), "needs the model of the --run test");
		final Path output = dir.resolve("recorded.tif");
		final Map<String, String> result = scenario("record", model.toString(), DATA.resolve("test/images")
			.toString(), output.toString());
		assertEquals("model=" + model + " input=" + DATA.resolve("test/images") + " output=" + output +
			" tile_size=64 overlap=32 precision=auto device=cpu tta=auto probability_type=32-bit " +
			"confidence_measure=probability overwrite=true", result.get("recorded"));
		assertEquals("true", result.get("same-labels"));
		assertEquals("6", result.get("slices"));
	}

	/** @return the RESULT lines of a scenario run inside Fiji, by key */
	private static Map<String, String> scenario(final String name, final String... args) throws Exception {
		final List<String> all = new ArrayList<>(List.of("--scenario", name));
		all.addAll(List.of(args));
		final FijiHarness.Run r = fiji.run(SECONDS, all.toArray(new String[0]));
		assertEquals(0, r.exitCode(), r.output());
		final Map<String, String> results = new TreeMap<>();
		for (final String line : r.output().split("\n")) {
			if (!line.startsWith("RESULT ")) continue;
			final String[] parts = line.substring(7).split(" ", 2);
			final String[] keyRest = parts[0].equals("ij1-command") || parts[0].equals("ij1-menu") || parts[0].equals(
				"scijava-menu") ? splitMenu(parts) : parts;
			results.put(keyRest[0], keyRest.length > 1 ? keyRest[1] : "");
		}
		assertEquals("true", results.get("done"), r.output());
		return results;
	}

	/** "ij1-menu Plugins>X>Segment 1" and "ij1-command Segment -> class" keep the label in the key. */
	private static String[] splitMenu(final String[] parts) {
		final String rest = parts[1];
		final int arrow = rest.indexOf(" -> ");
		if (arrow >= 0) return new String[] { parts[0] + " " + rest.substring(0, arrow), rest.substring(arrow + 1) };
		final int space = rest.lastIndexOf(' ');
		return new String[] { parts[0] + " " + rest.substring(0, space), rest.substring(space + 1) };
	}

	@Test
	@Order(20)
	void fijisUpdaterInstallsTheUpdateSiteIntoAFreshFijiThatThenTrainsAndSegments() throws Exception {
		Assumptions.assumeTrue(FijiHarness.updater() != null, "needs the updater (imagej-updater) in the runtime");
		final Path site = dir.resolve("update-site");
		BuildUpdateSite.main(new String[] { site.toString(), ImageJBatch.pluginJar().toString(), "target/deps" });
		final FijiHarness fresh = FijiHarness.bare(dir.resolve("Fresh.app"));
		FijiHarness.Run r = fresh.update(SECONDS, "add-update-site", "X-Ray Segmentation", site.toUri().toString());
		assertEquals(0, r.exitCode(), r.output());
		r = fresh.update(SECONDS, "update");
		assertEquals(0, r.exitCode(), r.output());
		fresh.moveUpdatedIntoPlace();
		assertTrue(Files.isRegularFile(dir.resolve("Fresh.app/" + SiteFile.PLUGIN)), r.output());
		assertTrue(Files.isRegularFile(dir.resolve("Fresh.app/jars/linux64/pytorch-native-cpu-2.7.1-linux-x86_64.jar")),
			r.output());
		final Path model = dir.resolve("site-run/unet.xrsm");
		Files.createDirectories(model.getParent());
		r = fresh.run(SECONDS, "--headless", "--run", "Train U-Net", "images='" + DATA.resolve("train/images") +
			"',labels='" + DATA.resolve("train/labels") + "',model='" + model +
			"',epochs=1,steps_per_epoch=5,batch_size=4,patch_size=64,depth=3,device='cpu'");
		assertEquals(0, r.exitCode(), r.output());
		r = fresh.run(SECONDS, "--headless", "--run", "Segment", "model='" + model + "',input='" + DATA.resolve(
			"test/images") + "',output='" + dir.resolve("site-run/labels") + "'");
		assertEquals(0, r.exitCode(), r.output());
		assertEquals(6, names(dir.resolve("site-run/labels")).size());
	}

	/** Plain ImageJ 1.54p with the plugin installed into plugins/ (as ImageJMacrosIT does). */
	private static Path plainImageJ() throws Exception {
		final Path imagej = Files.createDirectories(dir.resolve("ImageJ"));
		final Path jar = ImageJBatch.pluginJar();
		final Process p = new ProcessBuilder(java(), "bin/InstallImageJ.java", jar.toString(), "target/deps", imagej
			.toString()).inheritIO().start();
		assertEquals(0, p.waitFor());
		return imagej;
	}

	private static void runPlain(final Path imagej, final Path macro, final Path out) throws Exception {
		ImageJBatch.run(imagej, List.of(), macro, out.toString(), dir.resolve("plain.log"), SECONDS);
	}

	/** Label images pixel for pixel, tables as text, models by their weights; plots and logs only by name. */
	private static void assertSameFiles(final Path expected, final Path actual) throws IOException {
		final List<Path> files;
		try (Stream<Path> walk = Files.walk(expected)) {
			files = walk.filter(Files::isRegularFile).map(expected::relativize).sorted().toList();
		}
		try (Stream<Path> walk = Files.walk(actual)) {
			assertEquals(files, walk.filter(Files::isRegularFile).map(actual::relativize).sorted().toList());
		}
		assertTrue(files.size() > 20, "the macros wrote their files: " + files);
		for (final Path f : files) {
			final String name = f.getFileName().toString();
			if (name.endsWith(".tif")) assertSameLabels(expected.resolve(f), actual.resolve(f));
			else if (name.endsWith(".csv")) assertEquals(withoutSeconds(expected.resolve(f)), withoutSeconds(actual
				.resolve(f)), f.toString());
			else if (name.endsWith(ModelFile.EXTENSION)) assertArrayEquals(weights(expected.resolve(f)), weights(actual
				.resolve(f)), f.toString());
		}
	}

	/** @return the table's rows without its "seconds" column (run times differ) */
	private static List<String> withoutSeconds(final Path csv) throws IOException {
		final List<String> rows = Files.readAllLines(csv);
		final int column = List.of(rows.get(0).split(",")).indexOf("seconds");
		if (column < 0) return rows;
		return rows.stream().map(r -> {
			final List<String> cells = new ArrayList<>(List.of(r.split(",", -1)));
			cells.remove(column);
			return String.join(",", cells);
		}).collect(Collectors.toList());
	}

	private static void assertSameLabels(final Path expected, final Path actual) {
		try (FileSliceSource e = FileSliceSource.open(expected); FileSliceSource a = FileSliceSource.open(actual)) {
			assertEquals(e.size(), a.size(), actual.toString());
			for (int z = 0; z < e.size(); z++)
				assertArrayEquals(Pixels.toFloats(e.slice(z)), Pixels.toFloats(a.slice(z)), actual + " slice " + z);
		}
	}

	private static byte[] weights(final Path model) throws IOException {
		try (ZipFile zip = new ZipFile(model.toFile())) {
			return zip.getInputStream(zip.getEntry(ModelFile.WEIGHTS)).readAllBytes();
		}
	}

	private static String lastLine(final String output) {
		final String[] lines = output.strip().split("\n");
		return lines[lines.length - 1];
	}

	private static List<String> names(final Path folder) throws IOException {
		try (Stream<Path> files = Files.list(folder)) {
			return files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
		}
	}

	private static List<String> artifacts(final Path folder) throws IOException {
		return names(folder).stream().map(FijiIT::artifact).collect(Collectors.toList());
	}

	private static String artifact(final String jar) {
		return jar.replaceFirst("-\\d.*\\.jar$", "");
	}

	private static String java() {
		return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
	}
}
