package org.xrayseg.command;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;

import net.imglib2.img.Img;
import net.imglib2.type.numeric.RealType;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.app.StatusService;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;
import org.scijava.log.LogService;
import org.xrayseg.TestData;
import org.xrayseg.core.convert.Pixels;
import org.xrayseg.core.io.FileSliceSource;
import org.xrayseg.core.io.ImgSliceSource;
import org.xrayseg.core.report.ResultTable;

/** The commands as Fiji runs them: through SciJava's CommandService. */
@Tag("trains")
class CommandsTest {

	@TempDir
	Path dir;

	@Test
	void segmentReturnsTheLabelImageOrWritesTheSameLabelsToFiles() throws Exception {
		final Path data = TestData.volume();
		final File input = data.resolve("test/images").toFile();
		try (Context context = new Context(CommandService.class, StatusService.class, LogService.class)) {
			final CommandService commands = context.service(CommandService.class);
			final CommandModule inMemory = commands.run(SegmentCommand.class, true, "model", TestData.model().toFile(),
				"input", input, "device", "cpu").get();
			@SuppressWarnings("unchecked")
			final Img<? extends RealType<?>> labels = (Img<? extends RealType<?>>) inMemory.getOutput("labels");
			assertArrayEquals(new long[] { TestData.SIZE, TestData.SIZE, 2 }, labels.dimensionsAsLongArray());

			final File stack = dir.resolve("labels.tif").toFile();
			commands.run(SegmentCommand.class, true, "model", TestData.model().toFile(), "input", input, "output", stack,
				"device", "cpu").get();
			try (FileSliceSource written = FileSliceSource.open(stack.toPath())) {
				assertEquals(2, written.size());
				final ImgSliceSource shown = new ImgSliceSource(labels, "labels");
				for (int z = 0; z < 2; z++)
					assertArrayEquals(Pixels.toFloats(shown.slice(z)), Pixels.toFloats(written.slice(z)));
			}

			final CommandModule evaluation = commands.run(EvaluateCommand.class, true, "prediction", stack, "truth",
				data.resolve("test/labels").toFile()).get();
			final ResultTable dice = (ResultTable) evaluation.getOutput("dice");
			assertEquals(4, dice.rowCount());
			final double accuracy = (Double) evaluation.getOutput("accuracy");
			assertTrue(accuracy > 0.5 && accuracy <= 1, "accuracy " + accuracy);
		}
	}
}
