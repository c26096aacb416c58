package org.xrayseg.bench;

import java.util.Locale;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.type.numeric.real.FloatType;

import org.xrayseg.core.convert.Pixels;
import org.xrayseg.core.convert.Tensors;
import org.xrayseg.core.runtime.DjlRuntime;

/**
 * ImgLib2 -> NDArray -> ImgLib2 of a 2048 x 2048 16-bit slice against a plain
 * copy of the same bytes: the round trip reads the 16-bit pixels and writes
 * float32 twice (into the tensor, back into an image), so the baseline is
 * System.arraycopy of the 16-bit array plus two of a float array of the same
 * pixel count (all arrays allocated once). Measured both with a new tensor
 * and image per slice (their memory is fresh each time) and with a tensor and
 * an array reused slice after slice, as a stream of equal slices allows.
 * Goal: at least half of copy speed.
 */
public final class ConversionBench {

	private static final int SIDE = 2048;

	public static void main(final String[] args) {
		final short[] raw = new short[SIDE * SIDE];
		for (int i = 0; i < raw.length; i++)
			raw[i] = (short) (i * 31);
		final Img<UnsignedShortType> img = ArrayImgs.unsignedShorts(raw, SIDE, SIDE);
		final float[] floats = new float[raw.length];
		final float[] floatsOut = new float[raw.length];
		final short[] rawOut = new short[raw.length];
		final double copy = Timing.best(5, 30, () -> {
			System.arraycopy(raw, 0, rawOut, 0, raw.length);
			System.arraycopy(floats, 0, floatsOut, 0, floats.length);
			System.arraycopy(floatsOut, 0, floats, 0, floats.length);
		});
		try (NDManager manager = DjlRuntime.engine().newBaseManager()) {
			final double[] parts = new double[2];
			final double roundTrip = Timing.best(5, 30, () -> {
				try (NDManager m = manager.newSubManager()) {
					final long t0 = System.nanoTime();
					final NDArray t = Tensors.toTensor(m, img);
					final long t1 = System.nanoTime();
					final Img<FloatType> back = Tensors.toImg(t);
					parts[0] = (t1 - t0) / 1e9;
					parts[1] = (System.nanoTime() - t1) / 1e9;
					if (Pixels.pixelCount(back) != raw.length) throw new IllegalStateException();
				}
			});
			final NDArray reused = manager.create(new ai.djl.ndarray.types.Shape(1, 1, SIDE, SIDE),
				ai.djl.ndarray.types.DataType.FLOAT32);
			final float[] back = new float[raw.length];
			final double reusing = Timing.best(5, 30, () -> {
				Tensors.copyInto(reused, img);
				Tensors.copyInto(back, reused);
			});
			final double mb = raw.length * (2 + 4 + 4) / 1e6;
			System.out.printf(Locale.ROOT, "conversion of a %dx%d 16-bit slice (best of 30)%n", SIDE, SIDE);
			System.out.printf(Locale.ROOT, "  plain copy of the same bytes: %.2f ms (%.0f MB/s)%n", copy * 1e3, mb /
				copy);
			System.out.printf(Locale.ROOT,
				"  ImgLib2 -> NDArray -> ImgLib2: %.2f ms (%.0f MB/s; last run: to tensor %.2f ms, back %.2f ms)%n",
				roundTrip * 1e3, mb / roundTrip, parts[0] * 1e3, parts[1] * 1e3);
			System.out.printf(Locale.ROOT, "  the same into a tensor and an array reused slice after slice: %.2f ms (%.0f MB/s)%n",
				reusing * 1e3, mb / reusing);
			System.out.printf(Locale.ROOT,
				"  ratio (copy time / conversion time): %.2f with new tensor and image, %.2f reused (goal >= 0.5)%n",
				copy / roundTrip, copy / reusing);
		}
	}
}
