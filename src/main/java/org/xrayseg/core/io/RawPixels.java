package org.xrayseg.core.io;

import java.nio.ByteBuffer;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.RealType;

import org.xrayseg.core.error.InvalidInputException;

/** Turns the raw bytes of one slice (row-major, any byte order) into a 2D ImgLib2 image of the same type. */
final class RawPixels {

	/** How the bits of a sample are to be read. */
	enum Kind {
		UNSIGNED, SIGNED, FLOAT
	}

	private RawPixels() {}

	/** @return the kind of a TIFF SampleFormat (1 unsigned, 2 signed, 3 floating point; others unsigned) */
	static Kind kind(final int sampleFormat) {
		return sampleFormat == 2 ? Kind.SIGNED : sampleFormat == 3 ? Kind.FLOAT : Kind.UNSIGNED;
	}

	/**
	 * @param data width x height samples from the buffer's position, in its byte order
	 * @param bits bits per sample: 8, 16, 32 or 64
	 * @param what names the slice in errors
	 */
	static RandomAccessibleInterval<? extends RealType<?>> image(final ByteBuffer data, final int width,
		final int height, final int bits, final Kind kind, final String what)
	{
		final int n = width * height;
		switch (bits + kind.name()) {
			case "8UNSIGNED": return ArrayImgs.unsignedBytes(bytes(data, n), width, height);
			case "8SIGNED": return ArrayImgs.bytes(bytes(data, n), width, height);
			case "16UNSIGNED": return ArrayImgs.unsignedShorts(shorts(data, n), width, height);
			case "16SIGNED": return ArrayImgs.shorts(shorts(data, n), width, height);
			case "32UNSIGNED": return ArrayImgs.unsignedInts(ints(data, n), width, height);
			case "32SIGNED": return ArrayImgs.ints(ints(data, n), width, height);
			case "32FLOAT": {
				final float[] f = new float[n];
				data.asFloatBuffer().get(f);
				return ArrayImgs.floats(f, width, height);
			}
			case "64FLOAT": {
				final double[] d = new double[n];
				data.asDoubleBuffer().get(d);
				return ArrayImgs.doubles(d, width, height);
			}
			default:
				throw new InvalidInputException(what + " has " + bits + "-bit " + kind.name().toLowerCase() +
					" pixels, which cannot be read: use 8-, 16- or 32-bit grey or 32-bit float");
		}
	}

	private static byte[] bytes(final ByteBuffer data, final int n) {
		final byte[] b = new byte[n];
		data.get(b);
		return b;
	}

	private static short[] shorts(final ByteBuffer data, final int n) {
		final short[] s = new short[n];
		data.asShortBuffer().get(s);
		return s;
	}

	private static int[] ints(final ByteBuffer data, final int n) {
		final int[] v = new int[n];
		data.asIntBuffer().get(v);
		return v;
	}
}
