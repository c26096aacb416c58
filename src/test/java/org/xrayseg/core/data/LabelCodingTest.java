package org.xrayseg.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.planar.PlanarImgs;
import net.imglib2.type.numeric.integer.UnsignedShortType;

import org.junit.jupiter.api.Test;
import org.xrayseg.core.convert.Pixels;
import org.xrayseg.core.error.InvalidInputException;
import org.xrayseg.core.io.ImgSliceSource;
import org.xrayseg.core.progress.ProgressListener;

class LabelCodingTest {

	@Test
	void greyCodesRoundTripThroughClasses() {
		final byte[] codes = { 0, (byte) 128, (byte) 255, (byte) 128, 0, (byte) 255 };
		final LabelCoding coding = LabelCoding.fit(new ImgSliceSource(ArrayImgs.unsignedBytes(codes, 3, 2), "l"),
			ProgressListener.NONE);
		assertArrayEquals(new int[] { 0, 128, 255 }, coding.codes());
		final byte[] classes = coding.toClasses(ArrayImgs.unsignedBytes(codes, 3, 2), "l");
		assertArrayEquals(new byte[] { 0, 1, 2, 1, 0, 2 }, classes);
		assertEquals(8, coding.bitDepth());
		assertArrayEquals(codes, (byte[]) Pixels.storage(coding.toCodes(classes, 3, 2)));
	}

	@Test
	void indicesAndSixteenBitCodesRoundTrip() {
		final LabelCoding indices = new LabelCoding(2, 0, 1);
		assertArrayEquals(new int[] { 0, 1, 2 }, indices.codes());
		final short[] big = { 0, (short) 1000, (short) 40000, (short) 40000 };
		final LabelCoding coding = LabelCoding.fit(new ImgSliceSource(ArrayImgs.unsignedShorts(big, 2, 2), "l"),
			ProgressListener.NONE);
		assertEquals(16, coding.bitDepth());
		final byte[] classes = coding.toClasses(ArrayImgs.unsignedShorts(big, 2, 2), "l");
		assertArrayEquals(big, (short[]) Pixels.storage(coding.toCodes(classes, 2, 2)));
	}

	@Test
	void unknownValueNamesTheSliceTheValueAndTheKnownCodes() {
		final LabelCoding coding = new LabelCoding(0, 128, 255);
		final InvalidInputException e = assertThrows(InvalidInputException.class, () -> coding.toClasses(ArrayImgs
			.unsignedBytes(new byte[] { 0, 64 }, 2, 1), "labels/slice_3.tif"));
		assertEquals("labels/slice_3.tif holds the label value 64, which the model does not know (known: 0, 128, 255)",
			e.getMessage());
	}

	@Test
	void singleClassIsRefused() {
		final InvalidInputException e = assertThrows(InvalidInputException.class, () -> LabelCoding.fit(
			new ImgSliceSource(ArrayImgs.unsignedBytes(new byte[] { 5, 5, 5, 5 }, 2, 2), "labels.tif"),
			ProgressListener.NONE));
		assertTrue(e.getMessage().contains("hold a single class (value 5)"), e.getMessage());
	}

	@Test
	void greyImageAsLabelsIsRefused() {
		final var grey = PlanarImgs.unsignedShorts(20, 20);
		int i = 0;
		for (final UnsignedShortType p : grey)
			p.set(i++);
		final InvalidInputException e = assertThrows(InvalidInputException.class, () -> LabelCoding.fit(
			new ImgSliceSource(grey, "scan.tif"), ProgressListener.NONE));
		assertTrue(e.getMessage().contains("is it a grey image instead of a label image?"), e.getMessage());
	}

	@Test
	void fractionalLabelIsRefused() {
		final InvalidInputException e = assertThrows(InvalidInputException.class, () -> LabelCoding.fit(
			new ImgSliceSource(ArrayImgs.floats(new float[] { 0, 1.5f }, 2, 1), "l.tif"), ProgressListener.NONE));
		assertEquals("l.tif holds the value 1.5: labels must be whole numbers in 0..65535", e.getMessage());
	}
}
