package org.xrayseg.command;

import java.io.File;

import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;
import org.xrayseg.core.data.SyntheticVolume;
import org.xrayseg.core.error.InvalidInputException;

/** Writes the synthetic three-phase test volume that the demo and the tests use. */
@Plugin(type = Command.class, name = "synthetic", label = "Synthetic Test Volume", headless = true,
	description = "Write a synthetic three-phase 16-bit volume with exact labels (train/ and test/ folders)")
public class SyntheticVolumeCommand implements Command {

	@Parameter(label = "Output folder", style = FileWidget.DIRECTORY_STYLE,
		description = "Folder that receives train/images, train/labels, test/images and test/labels")
	private File output;

	@Parameter(label = "Slices", min = "2", max = "1000", description = "Number of slices in all")
	private int slices = 24;

	@Parameter(label = "Training slices", min = "1", max = "999",
		description = "Slices 1..N go to train/, the rest to test/")
	private int train_slices = 18;

	@Parameter(label = "Size", min = "16", max = "4096", description = "Width and height of every slice")
	private int size = 128;

	@Parameter(label = "Seed", description = "The same seed gives the same volume on every machine")
	private long seed = 1;

	@Parameter(label = "Overwrite", description = "Replace existing folders")
	private boolean overwrite = false;

	@Override
	public void run() {
		if (output == null) throw new InvalidInputException("No output folder given (output=FOLDER)");
		if (train_slices >= slices) throw new InvalidInputException("train_slices must be less than slices");
		final SyntheticVolume.Volume v = SyntheticVolume.generate(slices, size, size, seed);
		SyntheticVolume.write(v, 0, train_slices, output.toPath().resolve("train"), overwrite);
		SyntheticVolume.write(v, train_slices, slices, output.toPath().resolve("test"), overwrite);
	}
}
