package org.xrayseg.command;

import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.xrayseg.core.choice.Auto;
import org.xrayseg.core.data.LabelCoding;
import org.xrayseg.core.train.TrainingOptions;
import org.xrayseg.core.train.TrainingRun;
import org.xrayseg.core.train.UNetTrainer;

/** Trains a U-Net on labelled slices and saves it as a model file. */
@Plugin(type = Command.class, name = "train-unet", label = "Train U-Net", headless = true,
	description = "Train a U-Net on images and their label images, planned from the data and a time budget (a cross-validation ensemble for few labelled slices), save the model")
public class TrainUNetCommand extends AbstractTrainingCommand {

	@Parameter(label = "Add Dice loss", description = "Add a soft Dice loss to the cross-entropy (helps rare phases)")
	private boolean dice_loss = false;

	@Parameter(label = "Class balance", choices = { "auto", "on", "off" }, description =
		"Weigh the cross-entropy by each phase's rarity and add the Dice loss: on, off, or auto (on when one phase is more than twice as frequent as another)")
	private String class_balance = Auto.KEY;

	@Parameter(label = "Unlabelled value", min = "-1", max = "65535", description = ParameterTexts.UNLABELLED)
	private int unlabelled = LabelCoding.NO_UNLABELLED;

	@Override
	protected TrainingOptions options() {
		return super.options().withUnlabelled(unlabelled);
	}

	@Override
	protected TrainingRun.NetworkTrainer trainer(final TrainingOptions options) {
		return UNetTrainer.of(options.withLoss(dice_loss, class_balance));
	}
}
