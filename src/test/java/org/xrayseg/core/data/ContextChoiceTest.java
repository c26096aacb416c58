package org.xrayseg.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.ShortArray;
import net.imglib2.type.numeric.integer.UnsignedShortType;

import org.junit.jupiter.api.Test;
import org.xrayseg.core.io.ImgSliceSource;
import org.xrayseg.core.io.SliceSource;

/** context_slices=auto: 2.5D for the slices of a volume, 2D for anything else, with the reason said. */
class ContextChoiceTest {

	@Test
	void slicesOfAVolumeGetOneNeighbourOnEachSide() {
		final SyntheticVolume.Volume v = SyntheticVolume.generate(6, 64, 48, 2);
		final ArrayImg<UnsignedShortType, ShortArray> stack = ArrayImgs.unsignedShorts(64, 48, 6);
		final short[] data = stack.update(null).getCurrentStorageArray();
		for (int z = 0; z < 6; z++)
			System.arraycopy(v.images()[z], 0, data, z * 64 * 48, 64 * 48);
		final ContextChoice.Chosen c = ContextChoice.resolve(ContextChoice.AUTO, new ImgSliceSource(stack,
			"scan.tif"), null);
		assertEquals(1, c.slices());
		assertTrue(c.reason().startsWith("Context: 1 slice on each side (2.5D): the images are slices of a volume"),
			c.reason());
	}

	@Test
	void unrelatedImagesOfOneSizeStay2D() {
		final Random random = new Random(1);
		final ArrayImg<UnsignedShortType, ShortArray> stack = ArrayImgs.unsignedShorts(64, 48, 5);
		final short[] data = stack.update(null).getCurrentStorageArray();
		for (int i = 0; i < data.length; i++)
			data[i] = (short) random.nextInt(60000);
		final ContextChoice.Chosen c = ContextChoice.resolve(ContextChoice.AUTO, new ImgSliceSource(stack,
			"noise.tif"), null);
		assertEquals(0, c.slices());
		assertTrue(c.reason().startsWith("Context: none (2D): neighbouring slices are unlike each other"), c.reason());
	}

	@Test
	void fewSlicesOrSlicesOfSeveralSizesStay2DAndAGivenValueIsKept() {
		final SliceSource two = new ImgSliceSource(ArrayImgs.unsignedShorts(64, 48, 2), "two.tif");
		assertEquals(new ContextChoice.Chosen(0, "Context: none (2D): fewer than 3 slices"), ContextChoice.resolve(
			ContextChoice.AUTO, two, null));
		final SliceSource three = new ImgSliceSource(ArrayImgs.unsignedShorts(64, 48, 3), "three.tif");
		final SliceSource other = new ImgSliceSource(ArrayImgs.unsignedShorts(32, 48, 1), "other.tif");
		final ContextChoice.Chosen sizes = ContextChoice.resolve(ContextChoice.AUTO, three, other);
		assertEquals(0, sizes.slices());
		assertTrue(sizes.reason().startsWith("Context: none (2D): the slices differ in size (other.tif"), sizes
			.reason());
		assertEquals(new ContextChoice.Chosen(2, "Context: 2 slices on each side (2.5D), as given"), ContextChoice
			.resolve(2, two, null));
	}
}
