package org.xrayseg.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.ShortArray;
import net.imglib2.type.numeric.integer.UnsignedShortType;

import org.junit.jupiter.api.Test;
import org.xrayseg.core.io.ImgSliceSource;
import org.xrayseg.core.io.SliceSource;
import org.xrayseg.core.progress.ProgressListener;

/** context_slices=auto: 2.5D for the slices of a volume, 2D for anything else, with the reason said. */
class ContextChoiceTest {

	private final List<String> messages = new ArrayList<>();
	private final ProgressListener progress = new ProgressListener() {

		@Override
		public void update(final String message, final long done, final long total) {}

		@Override
		public void message(final String message) {
			messages.add(message);
		}
	};

	@Test
	void slicesOfAVolumeGetOneNeighbourOnEachSide() {
		final SyntheticVolume.Volume v = SyntheticVolume.generate(6, 64, 48, 2);
		final ArrayImg<UnsignedShortType, ShortArray> stack = ArrayImgs.unsignedShorts(64, 48, 6);
		final short[] data = stack.update(null).getCurrentStorageArray();
		for (int z = 0; z < 6; z++)
			System.arraycopy(v.images()[z], 0, data, z * 64 * 48, 64 * 48);
		assertEquals(1, ContextChoice.resolve(ContextChoice.AUTO, new ImgSliceSource(stack, "scan.tif"), null, progress));
		assertTrue(messages.get(0).startsWith("Context: 1 slice on each side (2.5D): the images are slices of a volume"),
			messages.get(0));
	}

	@Test
	void unrelatedImagesOfOneSizeStay2D() {
		final Random random = new Random(1);
		final ArrayImg<UnsignedShortType, ShortArray> stack = ArrayImgs.unsignedShorts(64, 48, 5);
		final short[] data = stack.update(null).getCurrentStorageArray();
		for (int i = 0; i < data.length; i++)
			data[i] = (short) random.nextInt(60000);
		assertEquals(0, ContextChoice.resolve(ContextChoice.AUTO, new ImgSliceSource(stack, "noise.tif"), null,
			progress));
		assertTrue(messages.get(0).startsWith("Context: none (2D): neighbouring slices are unlike each other"), messages
			.get(0));
	}

	@Test
	void fewSlicesOrSlicesOfSeveralSizesStay2DAndAGivenValueIsKept() {
		final SliceSource two = new ImgSliceSource(ArrayImgs.unsignedShorts(64, 48, 2), "two.tif");
		assertEquals(0, ContextChoice.resolve(ContextChoice.AUTO, two, null, progress));
		assertEquals("Context: none (2D): fewer than 3 slices", messages.get(0));
		final SliceSource three = new ImgSliceSource(ArrayImgs.unsignedShorts(64, 48, 3), "three.tif");
		final SliceSource other = new ImgSliceSource(ArrayImgs.unsignedShorts(32, 48, 1), "other.tif");
		assertEquals(0, ContextChoice.resolve(ContextChoice.AUTO, three, other, progress));
		assertTrue(messages.get(1).startsWith("Context: none (2D): the slices differ in size (other.tif"), messages
			.get(1));
		assertEquals(2, ContextChoice.resolve(2, two, null, progress));
		assertEquals(2, messages.size(), "nothing to say about a value given");
	}
}
