package org.xrayseg.core.train;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;

import org.xrayseg.core.error.ModelFileException;
import org.xrayseg.core.runtime.AdamUpdate;
import org.xrayseg.core.runtime.DjlRuntime;

/**
 * Adam (Kingma and Ba 2015) over the trainable parameters of a network, with
 * the learning rate decaying along a cosine to 5% of its start over the run.
 * Written here rather than taken from DJL so that its state (step count,
 * first and second moments) is plain data: a checkpoint saves it and a resumed
 * run continues exactly where the interrupted one stopped. The moments live in
 * {@code manager}; temporaries of a step are freed at its end. Gradients are
 * zeroed after each step.
 * <p>
 * Every step first checks that the loss and all gradients are finite: a NaN
 * or infinity never reaches the weights (or the moments), so a model or a
 * checkpoint can never hold one.
 */
final class Adam {

	private static final double BETA2 = 0.999;
	private static final double EPSILON = 1e-8;
	private static final double FINAL_FRACTION = 0.05;

	private final String network;
	private final List<String> names = new ArrayList<>();
	private final List<Parameter> parameters = new ArrayList<>();
	private final double learningRate;
	private final double beta1;
	private final int totalSteps;
	private final NDArray[] mean;
	private final NDArray[] variance;
	private int steps;
	private int windDownFrom;
	private int windDownTotal;

	/**
	 * @param network what {@code block} is, for messages ("U-Net", "discriminator")
	 * @param totalSteps steps of the whole run, the length of the cosine decay
	 */
	Adam(final String network, final Block block, final double learningRate, final double beta1,
		final int totalSteps, final NDManager manager)
	{
		this.network = network;
		for (final Pair<String, Parameter> p : block.getParameters())
			if (p.getValue().requiresGradient()) {
				names.add(p.getKey());
				parameters.add(p.getValue());
			}
		this.learningRate = learningRate;
		this.beta1 = beta1;
		this.totalSteps = Math.max(1, totalSteps);
		mean = new NDArray[parameters.size()];
		variance = new NDArray[parameters.size()];
		for (int i = 0; i < mean.length; i++) {
			final NDArray w = parameters.get(i).getArray();
			mean[i] = manager.zeros(w.getShape(), w.getDataType());
			variance[i] = manager.zeros(w.getShape(), w.getDataType());
		}
	}

	/** @return the learning rate of step {@code t} (1-based) */
	double learningRate(final int t) {
		final double end = learningRate * FINAL_FRACTION;
		final double planned = end + (learningRate - end) * half(Math.min(1.0, (double) (t - 1) / totalSteps));
		if (windDownFrom <= 0 || t <= windDownFrom) return planned;
		// from where it was when winding down began, along a cosine to the same end at the new last step
		final double from = learningRate(windDownFrom);
		return end + (from - end) * half(Math.min(1.0, (double) (t - windDownFrom) / Math.max(1, windDownTotal -
			windDownFrom)));
	}

	/** @return 1 at 0, 0 at 1, along half a cosine */
	private static double half(final double progress) {
		return 0.5 * (1 + Math.cos(Math.PI * progress));
	}

	/**
	 * Shortens the schedule when training winds down early: after step {@code from}, the learning rate decays
	 * from where it is to its end by step {@code total}. Derived from the epoch loop's state, so a resumed run
	 * sets it again; 0 leaves the planned schedule.
	 */
	void endAt(final int from, final int total) {
		windDownFrom = from;
		windDownTotal = total;
	}

	/**
	 * Updates every parameter that has a gradient, then zeroes the gradients.
	 *
	 * @param loss the value of the loss whose gradients these are
	 * @throws NonFiniteException if the loss or a gradient is NaN or infinite;
	 *           nothing is updated and the gradients are zeroed
	 */
	void step(final double loss) {
		final String nonFinite = nonFinite(loss);
		if (nonFinite != null) {
			zeroGradients();
			throw new NonFiniteException(nonFinite);
		}
		steps++;
		final double lr = learningRate(steps);
		final float correction1 = (float) (1 - Math.pow(beta1, steps));
		final float correction2 = (float) (1 - Math.pow(BETA2, steps));
		try (NDScope scope = new NDScope()) {
			final List<NDArray> w = new ArrayList<>();
			final List<NDArray> g = new ArrayList<>();
			final List<NDArray> m = new ArrayList<>();
			final List<NDArray> v = new ArrayList<>();
			for (int i = 0; i < parameters.size(); i++) {
				final NDArray weight = parameters.get(i).getArray();
				if (!weight.hasGradient()) continue;
				w.add(weight);
				g.add(weight.getGradient());
				m.add(mean[i]);
				v.add(variance[i]);
			}
			final float[] scalars = { (float) beta1, (float) (1 - beta1), (float) BETA2, (float) (1 - BETA2),
				correction1, correction2, (float) EPSILON, (float) lr };
			if (AdamUpdate.available()) AdamUpdate.apply(w, g, m, v, scalars);
			else for (int i = 0; i < w.size(); i++)
				update(w.get(i), g.get(i), m.get(i), v.get(i), scalars);
			scope.suppressNotUsedWarning();
		}
		zeroGradients();
	}

	/** Adam's update of one weight, operation by operation: what {@link AdamUpdate} does for all at once. */
	static void update(final NDArray w, final NDArray g, final NDArray mean, final NDArray variance,
		final float[] s)
	{
		mean.muli(s[0]).addi(g.mul(s[1]));
		variance.muli(s[2]).addi(g.square().muli(s[3]));
		final NDArray denominator = variance.div(s[5]).sqrt().addi(s[6]);
		w.subi(mean.div(s[4]).divi(denominator).muli(s[7]));
	}

	/** @return what is not finite ("the U-Net's loss is NaN"), or null if all is */
	private String nonFinite(final double loss) {
		if (!Double.isFinite(loss)) return "the " + network + "'s loss is " + loss;
		try (NDScope scope = new NDScope()) {
			// one synchronisation per step: a NaN or infinity in any gradient makes the sum of all sums non-finite
			NDArray total = null;
			for (final Parameter p : parameters) {
				final NDArray w = p.getArray();
				if (!w.hasGradient()) continue;
				final NDArray sum = w.getGradient().sum();
				total = total == null ? sum : total.addi(sum);
			}
			scope.suppressNotUsedWarning();
			if (total == null || Float.isFinite(total.getFloat())) return null;
			for (int i = 0; i < parameters.size(); i++) {
				final NDArray w = parameters.get(i).getArray();
				if (w.hasGradient() && !Float.isFinite(w.getGradient().sum().getFloat())) return "the " + network +
					"'s gradient of " + names.get(i) + " is not finite (NaN or infinity)";
			}
			return "the " + network + "'s gradients are not finite (NaN or infinity)";
		}
	}

	/** Sets every gradient to zero (multiplying by zero would keep a NaN). */
	private void zeroGradients() {
		for (final Parameter p : parameters) {
			final NDArray w = p.getArray();
			if (w.hasGradient()) DjlRuntime.zeroGradient(w);
		}
	}

	int steps() {
		return steps;
	}

	/** @return the step count and the moments, for a checkpoint */
	byte[] state() {
		final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (DataOutputStream out = new DataOutputStream(bytes)) {
			write(out);
		}
		catch (final IOException e) {
			throw new UncheckedIOException(e);
		}
		return bytes.toByteArray();
	}

	/** Restores what {@link #state()} returned, for the same network. */
	void restore(final byte[] state) {
		try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(state))) {
			read(in);
		}
		catch (final IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** Writes the step count and the moments (float32, in parameter order). */
	private void write(final DataOutputStream out) throws IOException {
		out.writeInt(steps);
		out.writeInt(parameters.size());
		for (int i = 0; i < parameters.size(); i++) {
			writeFloats(out, mean[i].toFloatArray());
			writeFloats(out, variance[i].toFloatArray());
		}
	}

	private void read(final DataInputStream in) throws IOException {
		steps = in.readInt();
		if (in.readInt() != parameters.size()) throw new ModelFileException(
			"The checkpoint's optimiser state does not fit this network");
		for (int i = 0; i < parameters.size(); i++) {
			mean[i].set(readFloats(in, mean[i]));
			variance[i].set(readFloats(in, variance[i]));
		}
	}

	private static void writeFloats(final DataOutputStream out, final float[] values) throws IOException {
		out.writeInt(values.length);
		for (final float v : values)
			out.writeFloat(v);
	}

	private static float[] readFloats(final DataInputStream in, final NDArray like) throws IOException {
		final int n = in.readInt();
		if (n != like.size()) throw new ModelFileException("The checkpoint's optimiser state does not fit this network");
		final float[] values = new float[n];
		for (int i = 0; i < n; i++)
			values[i] = in.readFloat();
		return values;
	}
}
