package org.xrayseg.core.infer;

import java.io.File;
import java.util.Locale;

import net.imglib2.img.Img;
import net.imglib2.type.numeric.RealType;

import org.xrayseg.core.data.LabelCoding;
import org.xrayseg.core.error.InvalidInputException;
import org.xrayseg.core.io.SliceInput;
import org.xrayseg.core.io.SliceSource;
import org.xrayseg.core.model.DjlRuntime;
import org.xrayseg.core.model.ModelFile;
import org.xrayseg.core.model.SegmentationModel;
import org.xrayseg.core.progress.ProgressListener;

/** Loads a model and segments a volume from disk: the whole of "Segment". */
public final class SegmentationRun {

	private final File model;
	private final int tileSize;
	private final int overlap;
	private final String device;
	private final boolean tta;

	public SegmentationRun(final File model, final int tileSize, final int overlap, final String device) {
		this(model, tileSize, overlap, device, false);
	}

	/** @param tta average the predictions of the 8 symmetries of the square (8 times the work) */
	public SegmentationRun(final File model, final int tileSize, final int overlap, final String device,
		final boolean tta)
	{
		if (tileSize < 0 || overlap < 0) throw new InvalidInputException("tile_size and overlap must not be negative");
		this.model = model;
		this.tileSize = tileSize;
		this.overlap = overlap;
		this.device = device;
		this.tta = tta;
	}

	/** Segments {@code input} into {@code output} (folder, or .tif stack). */
	public void toFiles(final SliceInput input, final File output, final boolean overwrite,
		final ProgressListener progress)
	{
		if (output == null) throw new InvalidInputException("No output given (output=FOLDER or FILE.tif)");
		SliceInput.requireNotInput(output.toPath(), input);
		final long start = System.nanoTime();
		try (SegmentationModel m = load(); SliceSource in = input.open()) {
			segmenter(m).toFiles(in, output.toPath(), overwrite, progress);
			progress.message(String.format(Locale.ROOT, "Segmented %d slices into %s in %.1f s", in.size(), output,
				(System.nanoTime() - start) / 1e9));
		}
	}

	/** A label image in memory and the phases of its codes. */
	public record LabelImage(Img<? extends RealType<?>> labels, LabelCoding coding) {}

	/** Segments {@code input} into a label image in memory. */
	public LabelImage toImage(final SliceInput input, final ProgressListener progress) {
		try (SegmentationModel m = load(); SliceSource in = input.open()) {
			return new LabelImage(segmenter(m).toImage(in, progress), m.metadata().coding());
		}
	}

	private SegmentationModel load() {
		return ModelFile.load(model == null ? null : model.toPath(), DjlRuntime.device(device));
	}

	private VolumeSegmenter segmenter(final SegmentationModel m) {
		return new VolumeSegmenter(m, tileSize, overlap, TiledPredictor.TILE_BATCH, tta);
	}
}
