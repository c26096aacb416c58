package org.xrayseg.command;

import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.log.LogService;
import org.scijava.plugin.Attr;
import org.scijava.plugin.Parameter;
import org.xrayseg.core.choice.Auto;
import org.xrayseg.core.model.NetworkSpec;
import org.xrayseg.core.train.TrainingOptions;

/**
 * The keys of every command that trains networks (training, comparison,
 * studies), declared once; their defaults and ranges come from
 * {@link TrainingOptions}.
 */
public abstract class AbstractTrainingSettingsCommand implements Command {

	@Parameter
	private StatusService status;

	@Parameter
	private LogService log;

	@Parameter(label = "Epochs", min = "1", max = "" + TrainingOptions.MAX_EPOCHS, attrs = @Attr(name = ParameterAttributes.AUTO_NUMBER, value = "true"), description = "Training epochs of each network (1 to " + TrainingOptions.MAX_EPOCHS +
		"); auto: planned from the amount of data and the time budget (the learning rate decays over exactly these epochs)")
	protected String epochs = Auto.KEY;

	@Parameter(label = "Time budget", description =
		"How long training may take, e.g. 30m, 2h, 1h30m: the plan fits the training length (and the networks of an ensemble) into it at the speed measured on this machine; auto: 20m")
	private String time_budget = Auto.KEY;

	@Parameter(label = "Patience", min = "0", max = "" + TrainingOptions.MAX_EPOCHS,
		description = "Wind down early when the validation Dice (mean of 3 epochs) has not improved for this many epochs, after half of the plan; 0: train the planned epochs (sparse labels always do)")
	private int patience = TrainingOptions.PATIENCE;

	@Parameter(label = "Steps per epoch", min = "1", max = "" + TrainingOptions.MAX_STEPS_PER_EPOCH, attrs = @Attr(name = ParameterAttributes.AUTO_NUMBER, value = "true"),
		description = "Batches of random patches per epoch (1 to " +
		TrainingOptions.MAX_STEPS_PER_EPOCH + "); validation runs after each epoch; auto: from the amount of data")
	private String steps_per_epoch = Auto.KEY;

	@Parameter(label = "Batch size", min = "1", max = "" + TrainingOptions.MAX_BATCH_SIZE, attrs = @Attr(name = ParameterAttributes.AUTO_NUMBER, value = "true"),
		description = "Patches per training step (1 to " + TrainingOptions.MAX_BATCH_SIZE +
		"); auto: from the patch size")
	private String batch_size = Auto.KEY;

	@Parameter(label = "Patch size", min = "" + TrainingOptions.MIN_PATCH_SIZE, max = "" + TrainingOptions.MAX_PATCH_SIZE,
		attrs = @Attr(name = ParameterAttributes.AUTO_NUMBER, value = "true"), description = "Side of the square training patches in pixels, a multiple of " +
		"2^depth (Pix2Pix: at least 32); auto: from the image size")
	private String patch_size = Auto.KEY;

	@Parameter(label = "Depth", min = "1", max = "" + TrainingOptions.MAX_DEPTH, attrs = @Attr(name = ParameterAttributes.AUTO_NUMBER, value = "true"), description = "Down-sampling steps of the U-Net (or Pix2Pix generator), 1 to " +
		TrainingOptions.MAX_DEPTH + "; auto: planned (4 unless the images are small)")
	private String depth = Auto.KEY;

	@Parameter(label = "Base filters", min = "" + NetworkSpec.CHANNEL_MULTIPLE, max = "" +
		TrainingOptions.MAX_BASE_FILTERS, stepSize = "" + NetworkSpec.CHANNEL_MULTIPLE, attrs = { @Attr(name =
			ParameterAttributes.RANGE_REASON, value = NetworkSpec.WIDTH_REASON), @Attr(name =
				ParameterAttributes.AUTO_NUMBER, value = "true") }, description = "Feature maps at full resolution, doubled at every level; " +
		ParameterTexts.WIDTH_RULE + "; auto: planned")
	private String base_filters = Auto.KEY;

	@Parameter(label = "Seed",
		description = "Seed of all random choices: the same seed gives the same model on the same machine")
	private long seed = TrainingOptions.SEED;

	@Parameter(label = "Device", choices = { ParameterTexts.AUTO, ParameterTexts.CPU, ParameterTexts.GPU },
		description = ParameterTexts.DEVICE)
	private String device = TrainingOptions.DEVICE;

	@Parameter(label = "Precision", choices = { ParameterTexts.AUTO, "float32", "bfloat16" }, description =
		"Number format of the training passes: bfloat16 (mixed precision: weights, optimiser and loss stay float32) " +
		"is about 1.5x faster on processors with AVX512-BF16 or AMX; auto uses it where the processor computes it " +
		"natively and a training step measured in it is at least 1.15x as fast, else float32 (float32 on GPUs)")
	private String precision = ParameterTexts.AUTO;

	@Parameter(label = "Normalisation", choices = { "auto", "global", "per_image" }, description =
		"How grey values are mapped: global (one mapping for calibrated scans), per_image (each image or volume by its own grey range), auto (per_image when the training images' grey scales differ)")
	private String normalisation = Auto.KEY;

	@Parameter(label = "Context slices", description = "Neighbouring slices on each side fed to the network with " +
		"each slice (2.5D), at training and at segmenting: 0 for none, up to " + TrainingOptions.MAX_CONTEXT_SLICES +
		", or auto: 1 when the images are slices of a volume (one size, neighbours alike), else 0")
	private String context_slices = Auto.KEY;

	/** @return the training settings of these keys, the others at their defaults */
	protected TrainingOptions options() {
		return TrainingOptions.defaults().withEpochs(Auto.count("epochs", epochs)).withTimeBudget(time_budget)
			.withPatience(patience).withStepsPerEpoch(Auto.count("steps_per_epoch", steps_per_epoch)).withBatchSize(Auto
				.count("batch_size", batch_size)).withPatchSize(Auto.count("patch_size", patch_size)).withNetwork(Auto
					.count("depth", depth), Auto.count("base_filters", base_filters)).withSeed(seed)
			.withDevice(device).withPrecision(precision).withNormalisation(normalisation).withContextSlices(context_slices);
	}

	/** @return progress and log lines through the command's status and log services */
	protected CommandProgress progress() {
		return new CommandProgress(status, log);
	}
}
