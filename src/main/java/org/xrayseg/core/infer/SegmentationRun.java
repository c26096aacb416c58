package org.xrayseg.core.infer;

import java.io.File;
import java.util.Locale;

import net.imglib2.img.Img;
import net.imglib2.type.numeric.RealType;

import org.xrayseg.core.choice.Auto;
import org.xrayseg.core.data.LabelCoding;
import org.xrayseg.core.error.InvalidInputException;
import org.xrayseg.core.io.SliceInput;
import org.xrayseg.core.io.SliceSource;
import org.xrayseg.core.model.CrossValidation;
import org.xrayseg.core.model.ModelFile;
import org.xrayseg.core.model.SegmentationModel;
import org.xrayseg.core.progress.ProgressListener;
import org.xrayseg.core.runtime.DjlRuntime;

/**
 * Loads a model and segments a volume from disk: the whole of "Segment". The
 * tile size (unless given), tiles per batch and precision (unless given)
 * follow fixed rules, so that a run gives the same labels whatever the machine
 * was doing (see {@link InferenceTuner#choose}); one line says which.
 */
public final class SegmentationRun {

	/** Largest tile_size accepted. */
	public static final int MAX_TILE = 8192;

	private final File model;
	private final int tileSize;
	private final int overlap;
	private final String device;
	private final TestTimeAugmentation tta;
	private final Precision precision;

	/**
	 * @param tileSize largest tile side, 0 for whole slices, {@link #Auto.NUMBER} to choose
	 * @param tta whether to average the predictions of the 8 symmetries of the square (8 times the work), or
	 *          {@link TestTimeAugmentation#AUTO} to choose
	 * @param precision the number format, or {@link Precision#AUTO} to choose
	 */
	public SegmentationRun(final File model, final int tileSize, final int overlap, final String device,
		final TestTimeAugmentation tta, final Precision precision)
	{
		if (tileSize < Auto.NUMBER || tileSize > MAX_TILE || overlap < 0) throw new InvalidInputException(
			"tile_size must be auto or 0 to " + MAX_TILE + ", and overlap not negative");
		this.model = model;
		this.tileSize = tileSize;
		this.overlap = overlap;
		this.device = device;
		this.tta = tta;
		this.precision = precision;
	}

	/** @return {@link Auto#NUMBER} for "auto", else the tile side a tile_size value gives (0: whole slice) */
	public static int parseTileSize(final String value) {
		if (Auto.is(value)) return Auto.NUMBER;
		try {
			final int t = Integer.parseInt(value.trim());
			if (t >= 0 && t <= MAX_TILE) return t;
		}
		catch (final NumberFormatException e) {
			// the message below says what is expected
		}
		throw new InvalidInputException("tile_size must be auto or a number of pixels from 0 (whole slice) to " +
			MAX_TILE + ", not '" + value + "'");
	}

	/** Segments {@code input} into {@code output} (folder, or .tif stack). */
	public void toFiles(final SliceInput input, final File output, final boolean overwrite,
		final ProgressListener progress)
	{
		toFiles(input, output, overwrite, PredictionOutputs.NONE, progress);
	}

	/**
	 * Segments {@code input} into {@code output} (folder, or .tif stack), writing
	 * the probabilities, confidence and quality estimate {@code extra} asks for.
	 *
	 * @return the quality estimate where {@code extra} asked for any of them, else null
	 */
	public QualityTable toFiles(final SliceInput input, final File output, final boolean overwrite,
		final PredictionOutputs extra, final ProgressListener progress)
	{
		if (output == null) throw new InvalidInputException("No output given (output=FOLDER or FILE.tif)");
		SliceInput.requireNotInput(output.toPath(), input);
		final long start = System.nanoTime();
		try (SegmentationModel m = load(); SliceSource in = input.open();
			PredictionWriter writer = writer(m, in, extra, overwrite, progress))
		{
			final VolumeSegmenter segmenter = segmenter(m, in, progress);
			segmenter.toFiles(in, output.toPath(), overwrite, progress, writer);
			final QualityTable quality = finish(writer, progress);
			progress.message(String.format(Locale.ROOT, "Segmented %d slices into %s in %.1f s (the network %.1f s)", in
				.size(), output, (System.nanoTime() - start) / 1e9, segmenter.networkSeconds()));
			return quality;
		}
	}

	/**
	 * A label image in memory, the phases of its codes, and the quality estimate (null unless asked for).
	 */
	public record LabelImage(Img<? extends RealType<?>> labels, LabelCoding coding, QualityTable quality) {}

	/** Segments {@code input} into a label image in memory. */
	public LabelImage toImage(final SliceInput input, final ProgressListener progress) {
		return toImage(input, PredictionOutputs.NONE, false, progress);
	}

	/** Segments {@code input} into a label image in memory, writing what {@code extra} asks for. */
	public LabelImage toImage(final SliceInput input, final PredictionOutputs extra, final boolean overwrite,
		final ProgressListener progress)
	{
		try (SegmentationModel m = load(); SliceSource in = input.open();
			PredictionWriter writer = writer(m, in, extra, overwrite, progress))
		{
			final Img<? extends RealType<?>> labels = segmenter(m, in, progress).toImage(in, progress, writer);
			return new LabelImage(labels, m.metadata().coding(), finish(writer, progress));
		}
	}

	private static PredictionWriter writer(final SegmentationModel m, final SliceSource in,
		final PredictionOutputs extra, final boolean overwrite, final ProgressListener progress)
	{
		if (!extra.any()) return null;
		final String calibration = m.metadata().probabilityCalibration().fitted() ? m.metadata()
			.probabilityCalibration().describe() : "not calibrated (temperature 1): the model was trained without " +
				"validation slices or by an earlier version";
		progress.message("Probabilities: " + calibration);
		return new PredictionWriter(m, in, extra, overwrite);
	}

	private static QualityTable finish(final PredictionWriter writer, final ProgressListener progress) {
		if (writer == null) return null;
		final QualityTable quality = writer.commit();
		progress.message(quality.summary());
		return quality;
	}

	private SegmentationModel load() {
		return load(model, device);
	}

	/** @return the model in {@code file} on {@code device} (auto, cpu or gpu); the caller closes it */
	public static SegmentationModel load(final File file, final String device) {
		return ModelFile.load(file == null ? null : file.toPath(), DjlRuntime.device(device));
	}

	private VolumeSegmenter segmenter(final SegmentationModel m, final SliceSource in,
		final ProgressListener progress)
	{
		if (in.size() == 0) return new VolumeSegmenter(m, Math.max(0, tileSize), overlap, 1, false, Precision.FLOAT32);
		final CrossValidation cv = m.metadata().crossValidation();
		if (m.metadata().networks() > 1) progress.message(String.format(Locale.ROOT, "Model: an ensemble of %d " +
			"networks, their class probabilities averaged%s", m.metadata().networks(), cv == null ? "" : String.format(
				Locale.ROOT, " (cross-validated Dice %.4f)", cv.meanDice())));
		final InferenceTuner.Choice c = InferenceTuner.choose(m, tileSize, precision);
		progress.message("Inference: " + c.describe());
		// the whole volume's size, so that a part (slices=) segments as the whole does
		final TestTimeAugmentation.Decision t = tta.decide(m.metadata(), in.whole().megapixels());
		progress.message("Test-time augmentation: " + t.describe());
		return new VolumeSegmenter(m, c.tileSize(), overlap, c.batchSize(), t.on(), c.precision());
	}
}
