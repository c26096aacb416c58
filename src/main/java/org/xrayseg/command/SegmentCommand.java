package org.xrayseg.command;

import java.io.File;

import net.imglib2.img.Img;
import net.imglib2.type.numeric.RealType;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Attr;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;
import org.xrayseg.core.infer.Precision;
import org.xrayseg.core.infer.PredictionOutputs;
import org.xrayseg.core.infer.QualityTable;
import org.xrayseg.core.infer.SegmentationRun;
import org.xrayseg.core.infer.TestTimeAugmentation;
import org.xrayseg.core.infer.TiledPredictor;
import org.xrayseg.core.io.SliceInput;
import org.xrayseg.core.report.ResultTable;

/** Segments every slice of a volume with a trained model and writes the label images. */
@Plugin(type = Command.class, name = "segment", label = "Segment", headless = true,
	description = "Segment every slice of a volume with a trained model (U-Net or Pix2Pix) and write label images")
public class SegmentCommand extends AbstractModelInputCommand {

	@Parameter(label = "Output", style = FileWidget.SAVE_STYLE, required = false, persist = false, attrs = @Attr(
		name = ParameterAttributes.CLI_REQUIRED), description = "A .tif file for one label stack, or a folder for one label image per slice; " +
			"if empty, the labels are returned as an image")
	private File output;

	@Parameter(label = "Tile size", description = "Largest tile side in pixels, 0 for the whole slice at once, or auto: " +
		"tiles of 512 pixels, 2 per batch; results hardly depend on it, memory and speed do")
	private String tile_size = ParameterTexts.AUTO;

	@Parameter(label = "Tile overlap", min = "0", max = "512", stepSize = "8",
		description = "Pixels shared by neighbouring tiles: each gives the other half of it context")
	private int overlap = TiledPredictor.OVERLAP;

	@Parameter(label = "Precision", choices = { ParameterTexts.AUTO, "float32", "bfloat16" }, description =
		"Number format of the network: bfloat16 is several times faster on processors with AVX512-BF16 or AMX (and " +
		"GPUs) and changes only labels of pixels where two phases are almost equally likely; auto uses it where the " +
		"processor or GPU computes it natively, else float32")
	private String precision = ParameterTexts.AUTO;

	@Parameter(label = "Device", choices = { ParameterTexts.AUTO, ParameterTexts.CPU, ParameterTexts.GPU }, description = ParameterTexts.DEVICE)
	private String device = ParameterTexts.AUTO;

	@Parameter(label = "Test-time augmentation", choices = { ParameterTexts.AUTO, "true", "false" }, description =
		"Average the predictions of the 8 flips and rotations of every slice: a higher Dice, most for rare phases, " +
			"at 8 times the time; auto: for volumes of up to " + TestTimeAugmentation.AUTO_MEGAPIXELS +
			" megapixels and models trained with flips and rotations")
	private String tta = ParameterTexts.AUTO;

	@Parameter(label = "Probabilities", style = FileWidget.SAVE_STYLE, required = false, persist = false,
		description = "Also write the calibrated probability of every phase, one channel per phase: a .tif file " +
			"for one stack, or a folder for one file per slice; empty: not written")
	private File probabilities;

	@Parameter(label = "Probability type", choices = { "32-bit", "8-bit" }, description =
		"32-bit float probabilities, or 8-bit (0-255 for 0-1) at a quarter of the size")
	private String probability_type = "32-bit";

	@Parameter(label = "Confidence", style = FileWidget.SAVE_STYLE, required = false, persist = false,
		description = "Also write one confidence map per slice (32-bit, 0-1): a .tif file or a folder; empty: not written")
	private File confidence;

	@Parameter(label = "Confidence measure", choices = { "probability", "margin" }, description =
		"probability: the calibrated probability of the chosen phase; margin: its lead over the second most " +
			"probable phase")
	private String confidence_measure = "probability";

	@Parameter(label = "Quality table", style = FileWidget.SAVE_STYLE, required = false, persist = false,
		description = "Also write the quality estimate without a reference (.csv: one row per slice, the estimated " +
			"Dice of each phase from the calibrated probabilities, corrected by how the model erred under simulated " +
			"changes of scan conditions, uncertain share, flags) and its plot (.png beside it); empty: not written")
	private File quality;

	@Parameter(label = "Overwrite", description = "Replace an existing output")
	private boolean overwrite = false;

	@Parameter(label = "Labels", type = ItemIO.OUTPUT)
	private Img<? extends RealType<?>> labels;

	@Parameter(label = "Phases", type = ItemIO.OUTPUT)
	private String phases;

	@Parameter(label = "Quality estimate", type = ItemIO.OUTPUT)
	private ResultTable quality_estimate;

	@Override
	public void run() {
		final SegmentationRun s = new SegmentationRun(model(), SegmentationRun.parseTileSize(tile_size), overlap, device,
			TestTimeAugmentation.parse(tta), Precision.parse(precision));
		final CommandProgress progress = progress();
		final SliceInput in = volume();
		final PredictionOutputs extra = PredictionOutputs.of(path(probabilities), probability_type, path(confidence),
			confidence_measure, path(quality));
		final QualityTable estimate;
		if (output != null) estimate = s.toFiles(in, output, overwrite, extra, progress);
		else {
			final SegmentationRun.LabelImage image = s.toImage(in, extra, overwrite, progress);
			labels = image.labels();
			phases = image.coding().legend();
			estimate = image.quality();
		}
		if (estimate != null) quality_estimate = estimate.table();
	}

	private static java.nio.file.Path path(final File f) {
		return f == null || f.getPath().isBlank() ? null : f.toPath();
	}
}
