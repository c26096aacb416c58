package org.xrayseg.core.train;

import ai.djl.Device;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.CosineTracker;

/** The optimiser set-up shared by the trainers: Adam with a cosine learning-rate decay to 5%. */
final class Optimizers {

	private Optimizers() {}

	/**
	 * @param updates optimiser steps of the whole run (the length of the decay)
	 * @return a DJL training config; the loss named in it is unused (the trainers compute their own)
	 */
	static DefaultTrainingConfig adam(final double learningRate, final double beta1, final int updates,
		final Device device)
	{
		final float lr = (float) learningRate;
		final Optimizer adam = Optimizer.adam().optBeta1((float) beta1).optLearningRateTracker(CosineTracker
			.builder().setBaseValue(lr).optFinalValue(lr * 0.05f).setMaxUpdates(Math.max(1, updates)).build()).build();
		return new DefaultTrainingConfig(Loss.l2Loss()).optOptimizer(adam).optDevices(new Device[] { device });
	}
}
