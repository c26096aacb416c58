package org.xrayseg.core.train;

import java.util.LinkedHashMap;
import java.util.Map;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;

import org.xrayseg.core.data.LabelCoding;
import org.xrayseg.core.data.LabelledSlices;
import org.xrayseg.core.data.TrainingData;
import org.xrayseg.core.loss.Scalars;
import org.xrayseg.core.model.Flops;
import org.xrayseg.core.model.NetworkSpec;
import org.xrayseg.core.model.SegmentationModel;
import org.xrayseg.core.progress.ProgressListener;

/**
 * Trains a U-Net on random patches with cross-entropy (weighted by phase rarity
 * and with soft Dice where the phases are unbalanced, see {@link LossPlan})
 * and Adam with cosine learning-rate decay, validates after every epoch on
 * whole held-out slices, and returns the model of the best epoch. Every epoch
 * draws its patches and random numbers from the seed and the epoch number, so
 * that a run resumed from a checkpoint ends with the same model as an
 * uninterrupted one.
 */
public final class UNetTrainer {

	private static final String WEIGHTS = "weights.params";
	private static final String OPTIMIZER = "adam.bin";
	/** The point-spread estimate's entry of the checkpoint (named so by earlier versions, whose checkpoints resume). */
	private static final String POINT_SPREAD = "loss.bin";
	/** Adam's beta1 for the U-Net. */
	private static final double BETA1 = 0.9;

	private UNetTrainer() {}

	/**
	 * @param options the settings, checked here: a bad value fails before any data is read
	 * @return the trainer of U-Nets with these settings, for {@link TrainingRun}
	 */
	public static TrainingRun.NetworkTrainer of(final TrainingOptions options) {
		options.validate();
		return new TrainingRun.NetworkTrainer() {

			@Override
			public Planner.Planned plan(final TrainingData data, final ProgressListener progress) {
				return UNetTrainer.plan(options, data, progress);
			}

			@Override
			public SegmentationModel train(final TrainingData data, final Planner.Planned planned,
				final Checkpoint checkpoint, final int fold, final ProgressListener progress)
			{
				return UNetTrainer.train(data, planned, checkpoint, fold, progress);
			}
		};
	}

	/** Trains one network on prepared data (see {@link TrainingData#prepare}) without checkpoints. */
	public static SegmentationModel train(final TrainingData data, final TrainingOptions options,
		final ProgressListener progress)
	{
		return train(data, options, null, progress);
	}

	/**
	 * Plans and trains one network (folds=auto means one here; {@link TrainingRun} trains ensembles).
	 *
	 * @param checkpoint saved after every epoch and resumed from if asked, or null
	 * @return the trained model (owned by the caller) with its training history in the metadata
	 * @throws org.xrayseg.core.error.CancelledException if cancelled; nothing is kept
	 */
	public static SegmentationModel train(final TrainingData data, final TrainingOptions given,
		final Checkpoint checkpoint, final ProgressListener progress)
	{
		given.validate();
		Planner.requireOneNetwork(given);
		final TrainingOptions one = given.withFolds(1);
		return train(data, plan(one, data, progress), checkpoint, 0, progress);
	}

	/** @return the plan of training a U-Net on {@code data} with {@code given} settings */
	static Planner.Planned plan(final TrainingOptions given, final TrainingData data,
		final ProgressListener progress)
	{
		return Planner.plan(InitialModel.adopt(given, progress), data, TrainingOptions.MIN_PATCH_SIZE, true,
			candidate -> secondsPerStep(data, candidate), progress);
	}

	/**
	 * Trains one network as planned.
	 *
	 * @param fold the fold of a cross-validation ensemble this network trains on (1-based), 0 for none
	 */
	static SegmentationModel train(final TrainingData data, final Planner.Planned planned,
		final Checkpoint checkpoint, final int fold, final ProgressListener progress)
	{
		final TrainingOptions options = planned.options();
		final LabelledSlices training = data.training();
		final LabelCoding coding = data.coding();
		data.describeSplit(progress);
		final LossPlan loss = planned.loss();
		final PointSpread spread = new PointSpread();
		final NetworkSpec spec = spec(options, data);
		final SegmentationModel model = TrainingSetup.newNetwork(data, planned, spec);
		final Device device = model.device();
		try {
			final EpochLoop loop = new EpochLoop(planned, data.validation(), progress, checkpoint, options.asMap(),
				fold).measuring(Flops.trainingStep(spec, options.patchSize(), 0));
			try (Trainer trainer = model.djlModel().newTrainer(TrainingSetup.config(device))) {
				trainer.initialize(new Shape(options.batchSize(), spec.inputChannels(), options.patchSize(), options
					.patchSize()));
				final Adam adam = new Adam("U-Net", model.block(), options.learningRate(), BETA1, options.epochs() *
					options.stepsPerEpoch(), trainer.getManager());
				final Map<String, byte[]> saved = loop.resume();
				if (saved != null) {
					Weights.restoreInPlace(model.block(), spec::build, saved.get(WEIGHTS), trainer.getManager());
					adam.restore(saved.get(OPTIMIZER));
					if (saved.containsKey(POINT_SPREAD)) spread.restore(saved.get(POINT_SPREAD));
				}
				else InitialModel.loadWeights(model, options, trainer.getManager(), loop, progress);
				adam.endAt(loop.windDownFrom(), loop.totalSteps());
				for (int epoch = loop.firstEpoch(); !loop.endedBefore(epoch); epoch++) {
					double lossSum = 0;
					try (BatchQueue batches = new BatchQueue(TrainingSetup.epochRandomness(training, planned, epoch),
						options.batchSize(), coding.classes(), options.stepsPerEpoch()))
					{
						for (int step = 1; step <= options.stepsPerEpoch(); step++) {
							progress.checkCancelled();
							try {
								lossSum += step(trainer, adam, batches.next(), loss, spread, FaultInjection.nanLossAt(epoch,
									step));
							}
							catch (final NonFiniteException e) {
								throw loop.diverged(epoch, step, e);
							}
							loop.stepDone(epoch, step, lossSum / step);
						}
					}
					final Map<String, Double> losses = new LinkedHashMap<>();
					losses.put("loss", lossSum / options.stepsPerEpoch());
					if (loss.fit()) losses.put("point spread", (double) spread.sigma());
					final Map<String, byte[]> state = new LinkedHashMap<>();
					state.put(WEIGHTS, model.weights());
					state.put(OPTIMIZER, adam.state());
					state.put(POINT_SPREAD, spread.state());
					loop.endEpoch(model, epoch, losses, state);
					adam.endAt(loop.windDownFrom(), loop.totalSteps());
				}
			}
			loop.keep(model, device);
			model.setMetadata(model.metadata().withCalibration(ShiftFit.calibrate(model, data.validation(), options,
				progress)));
			return model;
		}
		catch (final RuntimeException e) {
			model.close();
			throw e;
		}
	}

	private static NetworkSpec spec(final TrainingOptions options, final TrainingData data) {
		return InitialModel.network(options, NetworkSpec.unet(options.depth(), options.baseFilters(), data.coding()
			.classes()).withContext(options.contextSlices()), data);
	}

	/** @return the seconds of one training step with {@code o} on this machine (cached, see {@link StepTimer}) */
	private static double secondsPerStep(final TrainingData data, final TrainingOptions o) {
		final NetworkSpec spec = spec(o, data);
		return StepTimer.secondsPerStep("unet", spec, o, () -> {
			try (SegmentationModel model = TrainingSetup.newNetwork(data, o, spec);
				Trainer trainer = model.djlModel().newTrainer(TrainingSetup.config(model.device())))
			{
				trainer.initialize(new Shape(o.batchSize(), spec.inputChannels(), o.patchSize(), o.patchSize()));
				final Adam adam = new Adam("U-Net", model.block(), o.learningRate(), BETA1, 1, trainer.getManager());
				final LossPlan loss = Planner.loss(o, data);
				final PatchSampler sampler = new PatchSampler(data.training(), o.patchSize(), TrainingSetup
					.augmentation(o), o.seed());
				return StepTimer.fastest(() -> step(trainer, adam, PreparedBatch.of(sampler.next(o.batchSize()), data
					.coding().classes()), loss, new PointSpread(), false));
			}
		});
	}

	/**
	 * One optimiser step on a batch; returns its loss. Native memory of the batch is freed.
	 *
	 * @param spread the point-spread estimate of the image-formation fit, updated after the step where the
	 *          plan fits it
	 * @param injectNaN make the loss NaN (see {@link FaultInjection})
	 * @throws NonFiniteException if the loss or a gradient is not finite; nothing is updated
	 */
	private static double step(final Trainer trainer, final Adam adam, final PreparedBatch prepared,
		final LossPlan plan, final PointSpread spread, final boolean injectNaN)
	{
		final PatchSampler.Batch batch = prepared.batch();
		final int p = batch.patch();
		try (NDManager m = trainer.getManager().newSubManager()) {
			final NDArray x = TrainingSetup.pixels(m, prepared);
			final NDArray y = TrainingSetup.oneHot(m, prepared);
			final NDArray plain = m.create(batch.plain(), new Shape(batch.size(), 1, p, p));
			final double loss;
			try (GradientCollector collector = trainer.newGradientCollector()) {
				final NDArray logits = trainer.forward(new NDList(x)).singletonOrThrow();
				final int centre = batch.channels() / 2;
				NDArray l = UNetLoss.compute(plan, logits, y, x.get(":, " + centre + ":" + (centre + 1) + ", :, :"),
					plain, spread.sigma(), m);
				if (injectNaN) l = Scalars.times(l, Float.NaN);
				collector.backward(l);
				loss = l.getFloat();
				if (plan.fit()) spread.observe(logits.toFloatArray(), plan.phases().means(), batch.plain(), batch.size(),
					p, p);
			}
			adam.step(loss);
			return loss;
		}
	}
}
