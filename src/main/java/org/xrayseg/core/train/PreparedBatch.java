package org.xrayseg.core.train;

/**
 * A batch of patches with its pixels and one-hot labels laid out channels-last
 * (N, P, P, C) in Java, as the network's tensors are (see
 * {@link org.xrayseg.core.model.MemoryLayout}): the training thread only
 * copies them into tensors.
 *
 * @param batch the patches as drawn
 * @param pixels the grey values, row-major (N, P, P, C)
 * @param oneHot the labels, row-major (N, P, P, K): 1 at a pixel's class, all zero where it is not annotated
 * @param classes K
 */
record PreparedBatch(PatchSampler.Batch batch, float[] pixels, float[] oneHot, int classes) {

	/** @param classes the number of classes of the one-hot labels */
	static PreparedBatch of(final PatchSampler.Batch batch, final int classes) {
		final int area = batch.patch() * batch.patch();
		final int channels = batch.channels();
		final float[] nchw = batch.pixels();
		final float[] pixels = new float[nchw.length];
		final float[] oneHot = new float[batch.size() * area * classes];
		for (int n = 0; n < batch.size(); n++) {
			for (int c = 0; c < channels; c++) {
				final int from = (n * channels + c) * area;
				final int to = n * area * channels + c;
				for (int i = 0; i < area; i++)
					pixels[to + i * channels] = nchw[from + i];
			}
			for (int i = 0; i < area; i++) {
				final byte k = batch.classes()[n * area + i];
				if (k >= 0) oneHot[(n * area + i) * classes + k] = 1;
			}
		}
		return new PreparedBatch(batch, pixels, oneHot, classes);
	}
}
