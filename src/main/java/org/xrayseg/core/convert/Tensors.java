package org.xrayseg.core.convert;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.function.Consumer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.real.FloatType;

/**
 * Conversion between ImgLib2 images and DJL tensors. Tensors are NCHW float32:
 * an ImgLib2 image with dimensions (x = W, y = H[, c = C]) and x varying fastest
 * has exactly the memory order of a (C, H, W) tensor, so conversion is one bulk
 * copy each way (grey values are converted to float32 straight into the
 * tensor's direct buffer, and the tensor's memory is read straight into the
 * image's array), and values are kept exactly (integers up to 2^24).
 */
public final class Tensors {

	private Tensors() {}

	/**
	 * @param img a 2D image (x = W, y = H)
	 * @return a new (1, 1, H, W) float32 tensor on {@code manager}'s device with the raw pixel values
	 */
	public static NDArray toTensor(final NDManager manager, final RandomAccessibleInterval<? extends RealType<?>> img) {
		return filled(manager, new Shape(1, 1, img.dimension(1), img.dimension(0)), values -> Pixels.copyToFloatBuffer(
			img, values));
	}

	/**
	 * @param fill writes the values in row-major order (absolute puts)
	 * @return a new float32 tensor of {@code shape} on {@code manager}'s device: uninitialised and filled through
	 *         a view of its own memory (no zeroing, no second copy), or on a GPU through a Java array
	 */
	public static NDArray filled(final NDManager manager, final Shape shape, final Consumer<FloatBuffer> fill) {
		final NDArray tensor = manager.create(shape, DataType.FLOAT32);
		if (fill(tensor, fill)) return tensor;
		tensor.close();
		final float[] values = new float[Math.toIntExact(shape.size())];
		fill.accept(FloatBuffer.wrap(values));
		return manager.create(values, shape);
	}

	/**
	 * Writes the values of an existing float32 tensor in main memory (e.g. one reused batch after batch)
	 * through a view of its memory.
	 *
	 * @param fill writes the values in row-major order (absolute puts)
	 * @return false if the tensor's memory cannot be written directly (GPU): nothing was written
	 */
	public static boolean fill(final NDArray tensor, final Consumer<FloatBuffer> fill) {
		if (tensor.getDevice().isGpu() || tensor.getDataType() != DataType.FLOAT32) return false;
		final ByteBuffer view = tensor.toByteBuffer(true);
		if (!view.isDirect()) return false;
		fill.accept(view.order(ByteOrder.nativeOrder()).asFloatBuffer());
		return true;
	}

	/**
	 * Writes the pixels of a 2D image into an existing float32 tensor in main
	 * memory with as many elements (e.g. one reused for slice after slice).
	 *
	 * @return false if the tensor's memory cannot be written directly (GPU)
	 */
	public static boolean copyInto(final NDArray tensor, final RandomAccessibleInterval<? extends RealType<?>> img) {
		return tensor.size() == Pixels.pixelCount(img) && fill(tensor, values -> Pixels.copyToFloatBuffer(img, values));
	}

	/**
	 * Copies a float32 tensor into the start of {@code out}, which holds at least as many elements (e.g. one
	 * array reused slice after slice, or batch after batch with a smaller last batch).
	 */
	public static void copyInto(final float[] out, final NDArray tensor) {
		if (tensor.size() > out.length) throw new IllegalArgumentException("Expected at most " + out.length +
			" values, got " + tensor.getShape());
		Pixels.copyFromFloatBuffer(floats(tensor), out, (int) tensor.size());
	}

	/**
	 * @return the values of a float32 tensor in row-major order: a view of its memory where that is in main
	 *         memory and contiguous, else of a contiguous copy on the same manager (valid while that is open)
	 */
	public static FloatBuffer floats(final NDArray tensor) {
		if (tensor.getDataType() != DataType.FLOAT32) throw new IllegalArgumentException("Expected float32 values, got " +
			tensor.getDataType());
		return tensor.toByteBuffer(true).order(ByteOrder.nativeOrder()).asFloatBuffer();
	}

	/**
	 * @param img a 3D image (x = W, y = H, c = C)
	 * @return a new (1, C, H, W) float32 tensor
	 */
	public static NDArray toTensorWithChannels(final NDManager manager,
		final RandomAccessibleInterval<? extends RealType<?>> img)
	{
		return manager.create(Pixels.toFloats(img), new Shape(1, img.dimension(2), img.dimension(1), img
			.dimension(0)));
	}

	/**
	 * Copies a tensor back into a new image.
	 *
	 * @param tensor (H, W), (C, H, W) or (1, C, H, W), any numeric dtype
	 * @return an image with dimensions (W, H) for one channel, else (W, H, C),
	 *         holding the same values as float
	 */
	public static Img<FloatType> toImg(final NDArray tensor) {
		Shape shape = tensor.getShape();
		if (shape.dimension() == 4) {
			if (shape.get(0) != 1) throw new IllegalArgumentException("Batch of " + shape.get(0) + "; expected 1");
			shape = shape.slice(1);
		}
		final NDArray asFloat = tensor.getDataType() == DataType.FLOAT32 ? tensor : tensor.toType(DataType.FLOAT32,
			false);
		final float[] data = new float[Math.toIntExact(asFloat.size())];
		copyInto(data, asFloat);
		if (asFloat != tensor) asFloat.close();
		if (shape.dimension() == 3 && shape.get(0) == 1) shape = shape.slice(1);
		if (shape.dimension() == 2) return ArrayImgs.floats(data, shape.get(1), shape.get(0));
		if (shape.dimension() == 3) return ArrayImgs.floats(data, shape.get(2), shape.get(1), shape.get(0));
		throw new IllegalArgumentException("Expected a (H, W), (C, H, W) or (1, C, H, W) tensor, got " + shape);
	}
}
