package org.xrayseg.fiji;

import org.scijava.plugin.Attr;
import org.scijava.plugin.Parameter;
import org.xrayseg.core.model.NetworkSpec;
import org.xrayseg.core.train.Defaults;
import org.xrayseg.core.train.NetworkType;
import org.xrayseg.core.train.TrainingOptions;

/** A study that trains networks: which kind, and how long. */
public abstract class AbstractTrainingStudyCommand extends AbstractStudyCommand {

	@Parameter(label = "Network", choices = { "unet", "pix2pix" }, description = "The kind of network the study trains")
	private String network = "unet";

	@Parameter(label = "Epochs", min = "1", max = "10000", description = "Epochs of every network the study trains")
	private int epochs = 10;

	@Parameter(label = "Steps per epoch", min = "1", max = "100000", description = "Batches of patches per epoch")
	private int steps_per_epoch = 50;

	@Parameter(label = "Batch size", min = "1", max = "256", description = "Patches per training step")
	private int batch_size = 8;

	@Parameter(label = "Patch size", min = "32", max = "2048", stepSize = "16",
		description = "Side of the square training patches; a multiple of 2^depth")
	private int patch_size = 128;

	@Parameter(label = "Depth", min = "1", max = "6", description = "Down-sampling steps of the network")
	private int depth = 4;

	@Parameter(label = "Base filters", min = "16", max = "256", stepSize = "16", attrs = @Attr(
		name = Keys.RANGE_REASON, value = NetworkSpec.WIDTH_REASON),
		description = "Feature maps at full resolution; " + Keys.WIDTH_RULE)
	private int base_filters = 16;

	/** @return the kind of network to train */
	protected NetworkType networkType() {
		return NetworkType.of(network);
	}

	/** @return the training settings of the study's networks (U-Net learning rate; Pix2Pix takes its own) */
	protected TrainingOptions options() {
		return new TrainingOptions(epochs, steps_per_epoch, batch_size, patch_size, 1e-3, depth, base_filters, false,
			true, 0.2, Defaults.VALIDATION_TILE, seed, device);
	}

}
