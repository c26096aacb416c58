package org.xrayseg.core.convert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.planar.PlanarImgs;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xrayseg.core.io.ImgSliceSource;
import org.xrayseg.core.runtime.DjlRuntime;

class TensorsTest {

	private static NDManager manager;

	@BeforeAll
	static void start() {
		manager = DjlRuntime.engine().newBaseManager();
	}

	@AfterAll
	static void stop() {
		manager.close();
	}

	@Test
	void unsigned16BitRoundTripIsExact() {
		final short[] data = { 0, 1, (short) 65535, (short) 40000, 12345, (short) 32768 };
		final Img<UnsignedShortType> img = ArrayImgs.unsignedShorts(data, 3, 2);
		final NDArray t = Tensors.toTensor(manager, img);
		assertEquals(new Shape(1, 1, 2, 3), t.getShape());
		assertEquals(DataType.FLOAT32, t.getDataType());
		assertArrayEquals(new float[] { 0, 1, 65535, 40000, 12345, 32768 }, t.toFloatArray());
		assertSameValues(img, Tensors.toImg(t));
	}

	@Test
	void layoutIsRowMajorHeightThenWidth() {
		final float[] data = new float[4 * 3];
		data[1 * 4 + 2] = 7; // x = 2, y = 1
		final NDArray t = Tensors.toTensor(manager, ArrayImgs.floats(data, 4, 3));
		assertEquals(7f, t.getFloat(0, 0, 1, 2));
	}

	@Test
	void floatAndByteRoundTripsAreExact() {
		final float[] f = { -3.5f, 1e-7f, 123456.78f, Float.MAX_VALUE, 0, -0f };
		assertSameValues(ArrayImgs.floats(f, 2, 3), Tensors.toImg(Tensors.toTensor(manager, ArrayImgs.floats(f, 2,
			3))));
		final Img<UnsignedByteType> bytes = ArrayImgs.unsignedBytes(new byte[] { 0, (byte) 128, (byte) 255, 3 }, 2,
			2);
		assertSameValues(bytes, Tensors.toImg(Tensors.toTensor(manager, bytes)));
		assertEquals(255f, Tensors.toTensor(manager, bytes).getFloat(0, 0, 1, 0));
	}

	@Test
	void planesOfAStackAndViewsRoundTripExactly() {
		final Img<UnsignedShortType> stack = PlanarImgs.unsignedShorts(5, 4, 3);
		int v = 0;
		for (final UnsignedShortType p : stack)
			p.set(v++ * 997 % 65536);
		final ImgSliceSource slices = new ImgSliceSource(stack, "stack");
		for (int z = 0; z < 3; z++) {
			final RandomAccessibleInterval<? extends RealType<?>> plane = slices.slice(z);
			assertSameValues(plane, Tensors.toImg(Tensors.toTensor(manager, plane)));
		}
		final RandomAccessibleInterval<UnsignedShortType> view = Views.zeroMin(Views.interval(stack, new long[] { 1, 1,
			2 }, new long[] { 3, 2, 2 }));
		final RandomAccessibleInterval<UnsignedShortType> plane = Views.hyperSlice(view, 2, 0);
		assertSameValues(plane, Tensors.toImg(Tensors.toTensor(manager, plane)));
	}

	@Test
	void channelsBecomeTheThirdImageDimension() {
		final float[] data = new float[2 * 3 * 4];
		for (int i = 0; i < data.length; i++)
			data[i] = i;
		final NDArray t = manager.create(data, new Shape(1, 2, 3, 4));
		assertArrayEquals(new long[] { 4, 3 }, Tensors.toImg(manager.create(new float[12], new Shape(1, 1, 3, 4)))
			.dimensionsAsLongArray());
		final Img<FloatType> img = Tensors.toImg(t);
		assertArrayEquals(new long[] { 4, 3, 2 }, img.dimensionsAsLongArray());
		assertEquals(1 * 12 + 2 * 4 + 3, img.getAt(3, 2, 1).get());
		assertArrayEquals(data, Tensors.toTensorWithChannels(manager, img).toFloatArray());
	}

	private static void assertSameValues(final RandomAccessibleInterval<? extends RealType<?>> expected,
		final RandomAccessibleInterval<? extends RealType<?>> actual)
	{
		assertArrayEquals(expected.dimensionsAsLongArray(), actual.dimensionsAsLongArray());
		final float[] e = Pixels.toFloats(expected);
		final float[] a = Pixels.toFloats(actual);
		for (int i = 0; i < e.length; i++)
			assertEquals(Float.floatToIntBits(e[i]), Float.floatToIntBits(a[i]), "pixel " + i);
	}
}
