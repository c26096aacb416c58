package org.xrayseg.core.convert;

import java.nio.FloatBuffer;
import java.util.Set;
import java.util.stream.IntStream;

import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.basictypeaccess.array.ArrayDataAccess;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.ByteType;
import net.imglib2.type.numeric.integer.IntType;
import net.imglib2.type.numeric.integer.ShortType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.integer.UnsignedIntType;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.type.numeric.real.DoubleType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

/**
 * Bulk copies between 2D ImgLib2 images and primitive arrays in row-major
 * (y, x) order, the layout of one (H, W) plane of an NCHW tensor. Images backed
 * by one Java array ({@link ArrayImg}) are read straight from that array;
 * anything else goes through one flat-order cursor.
 */
public final class Pixels {

	private static final Set<Class<?>> PRIMITIVE_TYPES = Set.of(UnsignedByteType.class, ByteType.class,
		UnsignedShortType.class, ShortType.class, IntType.class, UnsignedIntType.class, FloatType.class,
		DoubleType.class);

	private static final int CHUNK = 1 << 14;

	private Pixels() {}

	/** @return a new float array with the pixels of {@code img} in row-major order */
	public static float[] toFloats(final RandomAccessibleInterval<? extends RealType<?>> img) {
		final float[] out = new float[pixelCount(img)];
		copyToFloats(img, out);
		return out;
	}

	/** Copies the pixels of {@code img} into {@code out} (row-major, length = pixel count). */
	public static void copyToFloats(final RandomAccessibleInterval<? extends RealType<?>> img, final float[] out) {
		final Object data = storage(img);
		final RealType<?> type = img.getType();
		if (data instanceof float[]) System.arraycopy(data, 0, out, 0, out.length);
		else if (data instanceof short[] || data instanceof byte[]) convertRange(data, isUnsigned(type), 0, out,
			out.length);
		else if (data instanceof int[]) {
			final int[] v = (int[]) data;
			if (type instanceof UnsignedIntType) for (int i = 0; i < out.length; i++)
				out[i] = v[i] & 0xffffffffL;
			else for (int i = 0; i < out.length; i++)
				out[i] = v[i];
		}
		else if (data instanceof double[]) {
			final double[] d = (double[]) data;
			for (int i = 0; i < out.length; i++)
				out[i] = (float) d[i];
		}
		else {
			final Cursor<? extends RealType<?>> c = Views.flatIterable(img).cursor();
			for (int i = 0; i < out.length; i++)
				out[i] = c.next().getRealFloat();
		}
	}

	/**
	 * Writes the pixels of {@code img} as float32 into {@code out} (row-major),
	 * converting in cache-sized chunks, in parallel, so that no full-size float
	 * array is made. Writes by absolute position; {@code out}'s position is kept.
	 */
	public static void copyToFloatBuffer(final RandomAccessibleInterval<? extends RealType<?>> img,
		final FloatBuffer out)
	{
		final Object data = storage(img);
		final int n = pixelCount(img);
		if (data instanceof float[]) {
			out.put(0, (float[]) data, 0, n);
			return;
		}
		if (!(data instanceof short[] || data instanceof byte[])) {
			out.put(0, toFloats(img), 0, n);
			return;
		}
		final boolean unsigned = isUnsigned(img.getType());
		IntStream.range(0, (n + CHUNK - 1) / CHUNK).parallel().forEach(k -> {
			final int from = k * CHUNK;
			final int len = Math.min(CHUNK, n - from);
			final float[] chunk = new float[len];
			convertRange(data, unsigned, from, chunk, len);
			out.put(from, chunk, 0, len);
		});
	}

	private static boolean isUnsigned(final RealType<?> type) {
		return type instanceof UnsignedShortType || type instanceof UnsignedByteType;
	}

	/** Converts {@code len} 16- or 8-bit values from {@code from} on into {@code out[0..len)}. */
	private static void convertRange(final Object data, final boolean unsigned, final int from, final float[] out,
		final int len)
	{
		if (data instanceof short[]) {
			final short[] s = (short[]) data;
			if (unsigned) for (int i = 0; i < len; i++)
				out[i] = s[from + i] & 0xffff;
			else for (int i = 0; i < len; i++)
				out[i] = s[from + i];
		}
		else {
			final byte[] b = (byte[]) data;
			if (unsigned) for (int i = 0; i < len; i++)
				out[i] = b[from + i] & 0xff;
			else for (int i = 0; i < len; i++)
				out[i] = b[from + i];
		}
	}

	/** Copies the first {@code length} values of {@code in} (absolute positions) into the start of {@code out}, in parallel chunks. */
	public static void copyFromFloatBuffer(final FloatBuffer in, final float[] out, final int length) {
		final int chunk = CHUNK * 16;
		IntStream.range(0, (length + chunk - 1) / chunk).parallel().forEach(k -> in.get(k * chunk, out, k * chunk,
			Math.min(chunk, length - k * chunk)));
	}

	/** Copies integer pixel values into {@code out} as unsigned bytes (values must lie in 0..255). */
	public static void copyToBytes(final RandomAccessibleInterval<? extends RealType<?>> img, final byte[] out) {
		final Object data = storage(img);
		if (data instanceof byte[]) System.arraycopy(data, 0, out, 0, out.length);
		else {
			final Cursor<? extends RealType<?>> c = Views.flatIterable(img).cursor();
			for (int i = 0; i < out.length; i++)
				out[i] = (byte) (int) c.next().getRealDouble();
		}
	}

	/** Copies integer pixel values into {@code out} as unsigned shorts (values must lie in 0..65535). */
	public static void copyToShorts(final RandomAccessibleInterval<? extends RealType<?>> img, final short[] out) {
		final Object data = storage(img);
		if (data instanceof short[]) System.arraycopy(data, 0, out, 0, out.length);
		else {
			final Cursor<? extends RealType<?>> c = Views.flatIterable(img).cursor();
			for (int i = 0; i < out.length; i++)
				out[i] = (short) (int) c.next().getRealDouble();
		}
	}

	/**
	 * @return the Java array that holds the pixels of {@code img} one value per
	 *         pixel in flat order, or null if there is none (views, packed types)
	 */
	public static Object storage(final RandomAccessibleInterval<?> img) {
		if (!(img instanceof ArrayImg)) return null;
		final ArrayImg<?, ?> array = (ArrayImg<?, ?>) img;
		if (!PRIMITIVE_TYPES.contains(array.getType().getClass())) return null;
		final Object access = array.update(null);
		return access instanceof ArrayDataAccess ? ((ArrayDataAccess<?>) access).getCurrentStorageArray() : null;
	}

	/** @return width x height of a 2D image, checked to fit one Java array */
	public static int pixelCount(final RandomAccessibleInterval<?> img) {
		long n = 1;
		for (int d = 0; d < img.numDimensions(); d++)
			n *= img.dimension(d);
		if (n > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("Image too large for one slice: " + n +
			" pixels");
		return (int) n;
	}
}
