package org.xrayseg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xrayseg.TestData;
import org.xrayseg.command.ExitCode;
import org.xrayseg.core.convert.Pixels;
import org.xrayseg.core.io.FileSliceSource;

@Tag("trains")
class MainTest {

	@TempDir
	Path dir;

	private String out;
	private String err;

	private int run(final String... args) {
		final Printed p = Printed.run(args);
		out = p.out();
		err = p.err();
		return p.code();
	}

	@Test
	void helpListsTheCommandsAndTheirKeys() {
		assertEquals(ExitCode.OK, run("help"));
		for (final String c : List.of("train-unet", "segment", "evaluate", "synthetic"))
			assertTrue(out.contains("  " + c + " "), out);
		assertEquals(ExitCode.OK, run("help", "segment"));
		assertTrue(out.contains("tile_size=") && out.contains("default auto") && out.contains("precision=") && out.contains("one of auto, cpu, gpu"),
			out);
		assertFalse(out.contains("status="), "services are not keys");
	}

	@Test
	void badCommandLinesFailWithOneLineAndExitCode2() {
		assertEquals(ExitCode.USAGE, run("segmnt"));
		assertTrue(err.startsWith("error: unknown command 'segmnt'. Commands: train-unet, "), err);
		assertEquals(ExitCode.USAGE, run("train-unet", "images=a", "labels=b", "model=m.xrsm", "epoch=3"));
		assertEquals("error: Unknown key 'epoch' for train-unet (did you mean 'epochs'?)\n", err);
		assertEquals(ExitCode.USAGE, run("train-unet", "images=a", "model=m.xrsm"));
		assertTrue(err.startsWith("error: Missing key labels= (Training labels: "), err);
		assertEquals(ExitCode.USAGE, run("train-unet", "images=a", "labels=b", "model=m", "epochs=ten"));
		assertEquals("error: epochs must be auto or a whole number, not 'ten'\n", err);
		assertEquals(ExitCode.USAGE, run("train-unet", "images=a", "labels=b", "model=m", "batch_size=-1"));
		assertEquals("error: batch_size must be auto or a whole number, not '-1'\n", err);
		assertEquals(ExitCode.USAGE, run("train-unet", "images=a", "labels=b", "model=m", "base_filters=4"));
		assertEquals("error: base_filters must be auto or at least 16, not 4: other widths make PyTorch's CPU convolutions " +
			"compute wrong gradients on some processors\n", err);
		assertEquals(ExitCode.USAGE, run("segment", "model=m", "input=i", "output=o", "device=tpu"));
		assertEquals("error: device must be one of auto, cpu, gpu, not 'tpu'\n", err);
		assertEquals(ExitCode.USAGE, run("segment", "model=m", "input=i"));
		assertTrue(err.startsWith("error: Missing key output= "), err);
		assertEquals(ExitCode.USAGE, run("segment", "model", "input=i"));
		assertEquals("error: Expected key=value, got 'model'\n", err);
	}

	@Test
	void failuresInsideACommandExitWith1AndOneLine() {
		assertEquals(ExitCode.FAILED, run("segment", "model=" + dir.resolve("none.xrsm"), "input=" + dir, "output=" + dir
			.resolve("out")));
		assertEquals("error: Model file not found: " + dir.resolve("none.xrsm") + "\n", err);
		assertEquals(ExitCode.FAILED, run("evaluate", "prediction=" + dir.resolve("p"), "truth=" + dir.resolve("t")));
		assertEquals("error: Not found: " + dir.resolve("p") + "\n", err);
	}

	@Test
	void trainSegmentEvaluateFromTheCommandLine() throws IOException {
		final Path data = TestData.volume();
		final Path model = dir.resolve("m.xrsm");
		assertEquals(ExitCode.OK, run("train-unet", "images=" + data.resolve("train/images"), "labels=" + data.resolve(
			"train/labels"), "model=" + model, "epochs=2", "steps_per_epoch=5", "batch_size=2", "patch_size=32",
			"depth=2", "base_filters=16", "device=cpu"), err);
		assertTrue(out.startsWith("Training history:\nepoch") && out.contains(" yes\n"), out);
		assertTrue(Files.isRegularFile(model));
		assertEquals(ExitCode.FAILED, run("train-unet", "images=" + data.resolve("train/images"), "labels=" + data.resolve(
			"train/labels"), "model=" + model));
		assertTrue(err.endsWith("m.xrsm already exists: choose another name or set overwrite=true\n"), err);

		final Path labels = dir.resolve("labels");
		assertEquals(ExitCode.OK, run("segment", "model=" + model, "input=" + data.resolve("test/images"), "output=" +
			labels), err);
		try (FileSliceSource s = FileSliceSource.open(labels)) {
			assertEquals(List.of("slice_007.tif", "slice_008.tif"), List.of(s.fileName(0), s.fileName(1)));
			for (final float v : Pixels.toFloats(s.slice(0)))
				assertTrue(v == 0 || v == 128 || v == 255, "label value " + v);
		}
		final Path csv = dir.resolve("dice.csv");
		assertEquals(ExitCode.OK, run("evaluate", "prediction=" + labels, "truth=" + data.resolve("test/labels"),
			"table=" + csv), err);
		assertTrue(out.startsWith("Dice:\nphase"), out);
		final List<String> rows = Files.readAllLines(csv);
		assertEquals(5, rows.size());
		assertEquals("phase,Dice mean,Dice std,IoU mean,IoU std,slices", rows.get(0));
		for (int r = 1; r < rows.size(); r++) {
			final double dice = Double.parseDouble(rows.get(r).split(",")[1]);
			assertTrue(dice > 0 && dice <= 1, rows.get(r));
		}
	}
}
