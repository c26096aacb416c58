package org.xrayseg.core.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.loss.Loss;

import org.xrayseg.core.data.LabelledSlices;
import org.xrayseg.core.data.TrainingData;
import org.xrayseg.core.model.MemoryLayout;
import org.xrayseg.core.model.ModelMetadata;
import org.xrayseg.core.model.NetworkSpec;
import org.xrayseg.core.model.SegmentationModel;
import org.xrayseg.core.model.UNetBlock;
import org.xrayseg.core.runtime.DjlRuntime;

/**
 * Sets up what every trainer needs: the network to train (its weights drawn
 * from the seed, on the device asked for), DJL's training config, and each
 * epoch's randomness.
 */
final class TrainingSetup {

	private TrainingSetup() {}

	/**
	 * @return a DJL training config for forward passes and gradients; its loss
	 *         and optimiser are unused (the trainers compute their losses and step {@link Adam})
	 */
	static DefaultTrainingConfig config(final Device device) {
		return new DefaultTrainingConfig(Loss.l2Loss()).optDevices(new Device[] { device });
	}

	/**
	 * Checks the settings against the data and makes the network to train, its
	 * weights drawn from the seed, on the device the settings ask for.
	 */
	static SegmentationModel newNetwork(final TrainingData data, final Planner.Planned planned,
		final NetworkSpec spec)
	{
		final SegmentationModel m = newNetwork(data, planned.options(), spec);
		m.setMetadata(m.metadata().withPlan(planned.plan()));
		return m;
	}

	/** As {@link #newNetwork(TrainingData, Planner.Planned, NetworkSpec)}, without a plan (for timing). */
	static SegmentationModel newNetwork(final TrainingData data, final TrainingOptions options,
		final NetworkSpec spec)
	{
		options.validate();
		PatchFit.check(data.training(), options.patchSize(), 1 << options.depth());
		final Device device = DjlRuntime.device(options.device());
		DjlRuntime.inferenceOnThisThread();
		DjlRuntime.engine().setRandomSeed((int) options.seed());
		final SegmentationModel m = SegmentationModel.create(ModelMetadata.create(spec, data.coding(), data
			.normalization(), options.patchSize(), null, data.fingerprint()), device);
		((UNetBlock) m.block()).computeIn(TrainingPrecision.dataType(options));
		return m;
	}

	/**
	 * Seeds the engine (dropout) for {@code epoch} and returns that epoch's patch
	 * sampler: an epoch's randomness depends on the seed and its number only.
	 */
	static PatchSampler epochRandomness(final LabelledSlices training, final Planner.Planned planned,
		final int epoch)
	{
		final TrainingOptions options = planned.options();
		DjlRuntime.engine().setRandomSeed((int) (options.seed() * 7919 + epoch));
		return new PatchSampler(training, options.patchSize(), augmentation(options), planned.plan().rarePatchShare(),
			options.seed() * 1_000_003L + epoch);
	}

	/**
	 * @return the batch's pixels (N, C, P, P) as a tensor of {@code m}, channels-last (see {@link MemoryLayout}):
	 *         the whole network, forward and backward, then runs in that layout
	 */
	static NDArray pixels(final NDManager m, final PreparedBatch batch) {
		return channelsLast(m, batch.pixels(), batch.batch(), batch.batch().channels());
	}

	/** @return the batch's one-hot labels (N, K, P, P) as a tensor of {@code m}, channels-last */
	static NDArray oneHot(final NDManager m, final PreparedBatch batch) {
		return channelsLast(m, batch.oneHot(), batch.batch(), batch.classes());
	}

	/** @param nhwc row-major (N, P, P, C) @return a view of it as (N, C, P, P) over NHWC memory, no copy */
	private static NDArray channelsLast(final NDManager m, final float[] nhwc, final PatchSampler.Batch batch,
		final int channels)
	{
		return m.create(nhwc, new Shape(batch.size(), batch.patch(), batch.patch(), channels)).transpose(0, 3, 1, 2);
	}

	/** @return the patch augmentation {@code options} ask for */
	static PatchSampler.Augmentation augmentation(final TrainingOptions options) {
		return new PatchSampler.Augmentation(options.augment(), options.intensityAugmentation(), options
			.noiseAugmentation(), options.elastic());
	}
}
