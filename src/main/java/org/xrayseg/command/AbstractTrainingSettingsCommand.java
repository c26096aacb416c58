package org.xrayseg.command;

import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.log.LogService;
import org.scijava.plugin.Attr;
import org.scijava.plugin.Parameter;
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

	@Parameter(label = "Epochs", min = "0", max = "" + TrainingOptions.MAX_EPOCHS, description =
		"Training epochs of each network; 0: planned from the amount of data and the time budget (the learning rate decays over exactly these epochs)")
	protected int epochs = TrainingOptions.EPOCHS;

	@Parameter(label = "Time budget", description =
		"How long training may take, e.g. 30m, 2h, 1h30m: the plan fits the training length (and the networks of an ensemble) into it at the speed measured on this machine; auto: 20m")
	private String time_budget = TrainingOptions.AUTO_CHOICE;

	@Parameter(label = "Patience", min = "0", max = "" + TrainingOptions.MAX_EPOCHS,
		description = "Wind down early when the validation Dice (mean of 3 epochs) has not improved for this many epochs, after half of the plan; 0: train the planned epochs (sparse labels always do)")
	private int patience = TrainingOptions.PATIENCE;

	@Parameter(label = "Steps per epoch", min = "0", max = "" + TrainingOptions.MAX_STEPS_PER_EPOCH,
		description = "Batches of random patches per epoch; validation runs after each epoch; 0: from the amount of data")
	private int steps_per_epoch = TrainingOptions.AUTO;

	@Parameter(label = "Batch size", min = "0", max = "" + TrainingOptions.MAX_BATCH_SIZE,
		description = "Patches per training step; 0: from the patch size")
	private int batch_size = TrainingOptions.AUTO;

	@Parameter(label = "Patch size", min = "0", max = "" + TrainingOptions.MAX_PATCH_SIZE, stepSize = "16",
		description = "Side of the square training patches in pixels, a multiple of 2^depth (Pix2Pix: at least 32); 0: from the image size")
	private int patch_size = TrainingOptions.AUTO;

	@Parameter(label = "Depth", min = "0", max = "" + TrainingOptions.MAX_DEPTH,
		description = "Down-sampling steps of the U-Net (or Pix2Pix generator); 0: planned (4 unless the images are small)")
	private int depth = TrainingOptions.DEPTH;

	@Parameter(label = "Base filters", min = "0", max = "" +
		TrainingOptions.MAX_BASE_FILTERS, stepSize = "" + NetworkSpec.CHANNEL_MULTIPLE, attrs = @Attr(
			name = ParameterAttributes.RANGE_REASON, value = NetworkSpec.WIDTH_REASON),
		description = "Feature maps at full resolution, doubled at every level; " + ParameterTexts.WIDTH_RULE +
			"; 0: planned")
	private int base_filters = TrainingOptions.BASE_FILTERS;

	@Parameter(label = "Seed",
		description = "Seed of all random choices: the same seed gives the same model on the same machine")
	private long seed = TrainingOptions.SEED;

	@Parameter(label = "Device", choices = { ParameterTexts.AUTO, ParameterTexts.CPU, ParameterTexts.GPU },
		description = ParameterTexts.DEVICE)
	private String device = TrainingOptions.DEVICE;

	@Parameter(label = "Normalisation", choices = { "auto", "global", "per_image" }, description =
		"How grey values are mapped: global (one mapping for calibrated scans), per_image (each image or volume by its own grey range), auto (per_image when the training images' grey scales differ)")
	private String normalisation = TrainingOptions.AUTO_CHOICE;

	@Parameter(label = "Context slices", description = "Neighbouring slices on each side fed to the network with " +
		"each slice (2.5D), at training and at segmenting: 0 for none, up to " + TrainingOptions.MAX_CONTEXT_SLICES +
		", or auto: 1 when the images are slices of a volume (one size, neighbours alike), else 0")
	private String context_slices = TrainingOptions.AUTO_CHOICE;

	/** @return the training settings of these keys, the others at their defaults */
	protected TrainingOptions options() {
		return TrainingOptions.defaults().withEpochs(epochs).withTimeBudget(time_budget).withPatience(patience)
			.withStepsPerEpoch(steps_per_epoch)
			.withBatchSize(batch_size).withPatchSize(patch_size).withNetwork(depth, base_filters).withSeed(seed)
			.withDevice(device).withNormalisation(normalisation).withContextSlices(context_slices);
	}

	/** @return progress and log lines through the command's status and log services */
	protected CommandProgress progress() {
		return new CommandProgress(status, log);
	}
}
