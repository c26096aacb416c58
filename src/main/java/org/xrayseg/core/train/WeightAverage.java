package org.xrayseg.core.train;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;

import org.xrayseg.core.error.ModelFileException;

/**
 * The running mean of a network's weights over some epochs (stochastic weight
 * averaging, Izmailov et al. 2018): every parameter, the batch normalisation's
 * running statistics included, is summed after each epoch of the window and
 * divided at the end. With the learning rate near the end of its cosine decay
 * the averaged weights lie in the same basin, and the mean is steadier than any
 * single epoch. Held in Java (in double precision), checkpointed with the run.
 */
final class WeightAverage {

	private double[][] sums;
	private int count;

	/** Adds the current weights of {@code block}. */
	void add(final Block block) {
		int i = 0;
		if (sums == null) sums = new double[block.getParameters().size()][];
		for (final Pair<String, Parameter> p : block.getParameters()) {
			final float[] w = p.getValue().getArray().toFloatArray();
			if (sums[i] == null) sums[i] = new double[w.length];
			if (sums[i].length != w.length) throw new IllegalStateException("Another network");
			for (int k = 0; k < w.length; k++)
				sums[i][k] += w[k];
			i++;
		}
		count++;
	}

	/** @return how many weight sets were added */
	int count() {
		return count;
	}

	/** Replaces the weights of {@code block} by the mean of those added. */
	void loadInto(final Block block) {
		if (count == 0) throw new IllegalStateException("Nothing to average");
		int i = 0;
		for (final Pair<String, Parameter> p : block.getParameters()) {
			final float[] mean = new float[sums[i].length];
			for (int k = 0; k < mean.length; k++)
				mean[k] = (float) (sums[i][k] / count);
			p.getValue().getArray().set(mean);
			i++;
		}
	}

	/** @return the sums and their count, to checkpoint */
	byte[] state() {
		final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (DataOutputStream out = new DataOutputStream(bytes)) {
			out.writeInt(count);
			out.writeInt(sums == null ? 0 : sums.length);
			if (sums != null) for (final double[] s : sums) {
				out.writeInt(s.length);
				for (final double v : s)
					out.writeDouble(v);
			}
		}
		catch (final IOException e) {
			throw new UncheckedIOException(e);
		}
		return bytes.toByteArray();
	}

	/** Restores what {@link #state()} saved. */
	void restore(final byte[] state) {
		try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(state))) {
			count = in.readInt();
			final int n = in.readInt();
			sums = n == 0 ? null : new double[n][];
			for (int i = 0; i < n; i++) {
				sums[i] = new double[in.readInt()];
				for (int k = 0; k < sums[i].length; k++)
					sums[i][k] = in.readDouble();
			}
		}
		catch (final IOException | NegativeArraySizeException e) {
			throw new ModelFileException("The checkpoint's weight average is damaged: delete the checkpoint to " +
				"start afresh", e);
		}
	}
}
