package org.xrayseg.core.train;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.function.Supplier;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.ParameterList;

import org.xrayseg.core.error.ModelFileException;
import org.xrayseg.core.model.SegmentationModel;

/**
 * Saved weights (DJL's parameter format, {@link SegmentationModel#serialise}) restored into a training network in
 * place.
 */
final class Weights {

	private Weights() {}

	/**
	 * Copies saved weights into the arrays {@code block} already has, so that a
	 * trainer holding those arrays (and their gradients) trains on the restored
	 * values.
	 *
	 * @param fresh makes a new, uninitialised block of the same architecture
	 */
	static void restoreInPlace(final Block block, final Supplier<Block> fresh, final byte[] weights,
		final NDManager manager)
	{
		try (NDManager scratch = manager.newSubManager();
			DataInputStream in = new DataInputStream(new ByteArrayInputStream(weights)))
		{
			final Block loaded = fresh.get();
			loaded.loadParameters(scratch, in);
			final ParameterList target = block.getParameters();
			final ParameterList source = loaded.getParameters();
			if (target.size() != source.size()) throw new ModelFileException("The saved weights do not fit this network");
			for (int i = 0; i < target.size(); i++)
				target.get(i).getValue().getArray().set(source.get(i).getValue().getArray().toFloatArray());
		}
		catch (final IOException | MalformedModelException e) {
			throw new ModelFileException("The saved weights do not fit this network: " + e.getMessage(), e);
		}
	}
}
