package org.xrayseg.core.io;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;

import io.jhdf.api.Dataset;
import io.jhdf.api.dataset.ChunkedDataset;
import io.jhdf.api.dataset.ContiguousDataset;
import io.jhdf.exceptions.HdfException;
import io.jhdf.object.datatype.OrderedDataType;

import org.xrayseg.core.error.InvalidInputException;

/**
 * Reads one z plane of a 3D HDF5 dataset (z, y, x; x fastest) as raw bytes in
 * the dataset's byte order. A contiguous dataset is read at the plane's offset
 * in the file. A chunked one is decoded chunk by chunk with jhdf (its own
 * slicing of chunked datasets returned wrong values in 0.9.4, so it is not
 * used); the decoded planes of the current layer of chunks are kept while that
 * layer is at most {@link #LAYER_CACHE_BYTES}, so that reading slices in order
 * decodes every chunk once. Memory grows with one layer of chunks, never with
 * the volume.
 */
final class Hdf5Planes {

	/** Largest layer of chunks (chunk depth x plane) kept decoded between reads. */
	static final long LAYER_CACHE_BYTES = 256L << 20;

	private final Dataset dataset;
	private final FileChannel channel;
	private final long userBlock;
	private final int depth;
	private final int height;
	private final int width;
	private final int element;
	private final ByteOrder order;
	private final long cacheBytes;
	private int cachedLayer = -1;
	private ByteBuffer cache;

	/** @param cacheBytes largest chunk layer kept decoded ({@link #LAYER_CACHE_BYTES}; 0 keeps none) */
	Hdf5Planes(final Dataset dataset, final FileChannel channel, final long userBlock, final long cacheBytes) {
		this.dataset = dataset;
		this.cacheBytes = cacheBytes;
		this.channel = channel;
		this.userBlock = userBlock;
		final int[] dims = dataset.getDimensions();
		this.depth = dims[0];
		this.height = dims[1];
		this.width = dims[2];
		this.element = dataset.getDataType().getSize();
		this.order = dataset.getDataType() instanceof OrderedDataType ? ((OrderedDataType) dataset.getDataType())
			.getByteOrder() : ByteOrder.LITTLE_ENDIAN;
	}

	long planeBytes() {
		return (long) height * width * element;
	}

	/** @return plane {@code z}: height x width elements from position 0, in the dataset's byte order */
	ByteBuffer read(final int z) throws IOException {
		if (dataset instanceof ContiguousDataset) return readContiguous(z);
		if (dataset instanceof ChunkedDataset) return readChunked((ChunkedDataset) dataset, z);
		throw new InvalidInputException(dataset.getPath() + " is stored in a layout (" + dataset.getDataLayout() +
			") that cannot be streamed: store it contiguous or chunked");
	}

	private ByteBuffer readContiguous(final int z) throws IOException {
		final ByteBuffer b = ByteBuffer.allocate((int) planeBytes()).order(order);
		final long at = userBlock + ((ContiguousDataset) dataset).getDataAddress() + z * planeBytes();
		while (b.hasRemaining())
			if (channel.read(b, at + b.position()) < 0) throw new EOFException();
		return b.flip();
	}

	private ByteBuffer readChunked(final ChunkedDataset chunked, final int z) {
		final int[] chunk = chunked.getChunkDimensions();
		final int layer = z / chunk[0];
		final int first = layer * chunk[0];
		final int planes = Math.min(chunk[0], depth - first);
		if (planes * planeBytes() > cacheBytes) return decode(chunked, chunk, first, z, z + 1);
		if (layer != cachedLayer) {
			cache = null; // let the old layer go before the new one is decoded
			cache = decode(chunked, chunk, first, first, first + planes);
			cachedLayer = layer;
		}
		final ByteBuffer plane = ByteBuffer.allocate((int) planeBytes()).order(order);
		plane.put(cache.duplicate().position((int) ((z - first) * planeBytes())).limit((int) ((z - first + 1) *
			planeBytes())));
		return plane.flip();
	}

	/** Decodes planes {@code from..to-1} (all in the chunk layer starting at {@code first}) into one buffer. */
	private ByteBuffer decode(final ChunkedDataset chunked, final int[] chunk, final int first, final int from,
		final int to)
	{
		final ByteBuffer out = ByteBuffer.allocate((int) ((to - from) * planeBytes())).order(order);
		for (int y0 = 0; y0 < height; y0 += chunk[1])
			for (int x0 = 0; x0 < width; x0 += chunk[2]) {
				final byte[] data = chunkOrNull(chunked, new int[] { first, y0, x0 });
				if (data == null) continue; // never written: the fill value, zero
				final int rows = Math.min(chunk[1], height - y0);
				final int run = Math.min(chunk[2], width - x0) * element;
				for (int z = from; z < to; z++)
					for (int y = 0; y < rows; y++) {
						final int src = (((z - first) * chunk[1] + y) * chunk[2]) * element;
						final int dst = (int) ((z - from) * planeBytes()) + ((y0 + y) * width + x0) * element;
						out.put(dst, data, src, run);
					}
			}
		return out;
	}

	private static byte[] chunkOrNull(final ChunkedDataset chunked, final int[] offset) {
		try {
			return chunked.getDecompressedChunk(offset);
		}
		catch (final HdfException e) {
			if (String.valueOf(e.getMessage()).startsWith("No chunk with offset")) return null;
			throw e;
		}
	}
}
