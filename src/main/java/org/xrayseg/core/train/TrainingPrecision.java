package org.xrayseg.core.train;

import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;

import org.xrayseg.core.error.InvalidInputException;
import org.xrayseg.core.infer.InferenceTuner;
import org.xrayseg.core.infer.Precision;
import org.xrayseg.core.model.InferenceNetwork;
import org.xrayseg.core.runtime.DjlRuntime;

/**
 * The number format of training's forward and backward passes: mixed
 * precision (bfloat16 passes on bfloat16 copies of the float32 weights;
 * Adam, its moments, the loss and the checkpoints in float32) or float32
 * throughout. precision=auto takes bfloat16 where the processor computes it
 * natively (AVX512-BF16 or AMX, and oneDNN may use it) and a training step of
 * this network and patch size measured in it is at least {@link #MARGIN}
 * times as fast as in float32 (small patches are not: the passes' fixed costs
 * outweigh the faster convolutions). The step times are those the plan
 * measures for the time budget, kept per machine ({@link StepTimer}), so the
 * choice is the same on every run here. GPUs keep float32 on auto: bfloat16
 * training has not been measured on one.
 */
final class TrainingPrecision {

	/** How much faster a bfloat16 step must be for auto to choose it. */
	static final double MARGIN = 1.15;

	private TrainingPrecision() {}

	/**
	 * @param secondsPerStep measures (or takes from the cache) the time of one training step with given settings
	 * @param reasons receives the line of the plan that says which and why
	 * @return {@code o} with its precision chosen (never {@link Precision#AUTO})
	 * @throws InvalidInputException where bfloat16 is asked and this PyTorch cannot convert to it
	 */
	static TrainingOptions choose(final TrainingOptions o, final ToDoubleFunction<TrainingOptions> secondsPerStep,
		final List<String> reasons)
	{
		final String mixed = "weights, optimiser and loss in float32";
		switch (o.precision()) {
			case FLOAT32:
				reasons.add("float32 passes, as given");
				return o;
			case BFLOAT16:
				if (!InferenceNetwork.bfloat16Available()) throw new InvalidInputException(
					"precision=bfloat16: this PyTorch cannot convert to bfloat16 (see the log); use float32");
				reasons.add("bfloat16 passes, as given (" + mixed + ")" + (nativeHere(o) ? ""
					: "; not native on this processor: slower than float32"));
				return o;
			default:
				if (!nativeHere(o)) {
					reasons.add("float32 passes: " + (device(o).isGpu() ? "bfloat16 training is not measured on GPUs yet"
						: "no native bfloat16 on this processor"));
					return o.withPrecision(Precision.FLOAT32.key());
				}
				final TrainingOptions float32 = o.withPrecision(Precision.FLOAT32.key());
				final TrainingOptions bfloat16 = o.withPrecision(Precision.BFLOAT16.key());
				final double t32 = secondsPerStep.applyAsDouble(float32);
				final double t16 = secondsPerStep.applyAsDouble(bfloat16);
				final boolean faster = t32 >= MARGIN * t16;
				reasons.add(String.format(Locale.ROOT, "%s passes: a step takes %.3f s in bfloat16 and %.3f s in " +
					"float32 on this machine (%.2fx)%s", faster ? "bfloat16" : "float32", t16, t32, t32 / t16, faster
						? " (" + mixed + "); precision=float32 for float32 throughout" : ": bfloat16 is native here but " +
							"not " + MARGIN + "x faster for these patches"));
				return faster ? bfloat16 : float32;
		}
	}

	/** @return the precision of the passes of {@code o}: float32 where auto was not resolved by a plan */
	static Precision of(final TrainingOptions o) {
		return o.precision() == Precision.AUTO ? Precision.FLOAT32 : o.precision();
	}

	/** @return the data type of the passes of {@code o} (see {@link #of}) */
	static DataType dataType(final TrainingOptions o) {
		return of(o).dataType();
	}

	private static boolean nativeHere(final TrainingOptions o) {
		final Device device = device(o);
		return !device.isGpu() && InferenceTuner.bfloat16Native(device);
	}

	private static Device device(final TrainingOptions o) {
		return DjlRuntime.device(o.device());
	}
}
