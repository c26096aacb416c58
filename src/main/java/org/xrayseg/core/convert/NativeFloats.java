package org.xrayseg.core.convert;

import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.ShortBuffer;

import ai.djl.ndarray.NDArray;

/**
 * The values of a tensor in main memory, read in pieces as float: float32
 * tensors through a view of their memory, bfloat16 ones (a network's own
 * output, which DJL cannot convert) widened here, exactly, as each piece is read.
 * Read by one thread at a time.
 */
public interface NativeFloats {

	/** Copies values {@code index} .. {@code index + length - 1} (row-major) into {@code dst} from {@code offset}. */
	void get(int index, float[] dst, int offset, int length);

	/** @param tensor a contiguous float32 tensor in main memory, or a contiguous view of one */
	static NativeFloats of(final NDArray tensor) {
		final FloatBuffer values = Tensors.floats(tensor);
		return values::get;
	}

	/**
	 * @param tensor a contiguous bfloat16 tensor in main memory, or a contiguous view of one (DJL reports its type as
	 *          unknown: the caller knows it)
	 */
	static NativeFloats ofBFloat16(final NDArray tensor) {
		final ShortBuffer values = tensor.toByteBuffer(true).order(ByteOrder.nativeOrder()).asShortBuffer();
		if (values.capacity() != tensor.size()) throw new IllegalArgumentException("Expected 2 bytes per value, got " +
			values.capacity() * 2L + " bytes for " + tensor.getShape());
		return new NativeFloats() {

			private short[] bits = new short[0];

			@Override
			public void get(final int index, final float[] dst, final int offset, final int length) {
				if (bits.length < length) bits = new short[length];
				values.get(index, bits, 0, length);
				for (int k = 0; k < length; k++)
					dst[offset + k] = Float.intBitsToFloat(bits[k] << 16); // bfloat16: the upper half of a float
			}
		};
	}
}
