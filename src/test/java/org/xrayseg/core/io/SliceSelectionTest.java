package org.xrayseg.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;

import net.imglib2.img.array.ArrayImgs;

import org.junit.jupiter.api.Test;
import org.xrayseg.core.convert.Pixels;
import org.xrayseg.core.error.InvalidInputException;

/** slices=... : parsing, original slice numbers, parts that add up to the whole, one-line errors. */
class SliceSelectionTest {

	/** 10 slices of 2x1 pixels; slice z holds {z, -z}. */
	private static SliceSource volume() {
		final float[] data = new float[20];
		for (int z = 0; z < 10; z++) {
			data[2 * z] = z;
			data[2 * z + 1] = -z;
		}
		return new ImgSliceSource(ArrayImgs.floats(data, 2, 1, 10), "scan.tif");
	}

	private static List<float[]> slices(final SliceSource s) {
		final List<float[]> out = new ArrayList<>();
		for (int i = 0; i < s.size(); i++)
			out.add(Pixels.toFloats(s.slice(i)));
		return out;
	}

	@Test
	void rangesListsAndSingleSlicesKeepTheirOriginalNumbers() {
		final SliceSource s = SliceRange.select(volume(), "3-4, 7,9-");
		assertEquals(5, s.size());
		assertArrayEquals(new float[] { 2, -2 }, Pixels.toFloats(s.slice(0)));
		assertArrayEquals(new float[] { 9, -9 }, Pixels.toFloats(s.slice(4)));
		assertEquals(List.of("scan.tif, slice 3", "scan.tif, slice 4", "scan.tif, slice 7", "scan.tif, slice 9",
			"scan.tif, slice 10"), List.of(s.describe(0), s.describe(1), s.describe(2), s.describe(3), s
				.describe(4)));
		assertEquals("scan.tif, slices 3-4, 7,9-", s.name());
		assertEquals(6, s.indexInWhole(2));
	}

	@Test
	void partsProcessedSeparatelyGiveExactlyTheWhole() {
		final List<float[]> whole = slices(volume());
		final List<float[]> joined = new ArrayList<>();
		final List<String> names = new ArrayList<>();
		for (final String part : new String[] { "1-3", "4", "5-9", "10-" }) {
			final SliceSource s = SliceRange.select(volume(), part);
			joined.addAll(slices(s));
			for (int i = 0; i < s.size(); i++)
				names.add(s.describe(i));
		}
		assertEquals(whole.size(), joined.size());
		for (int z = 0; z < whole.size(); z++) {
			assertArrayEquals(whole.get(z), joined.get(z));
			assertEquals("scan.tif, slice " + (z + 1), names.get(z));
		}
	}

	@Test
	void blankMeansAllSlices() {
		final SliceSource v = volume();
		assertSame(v, SliceRange.select(v, null));
		assertSame(v, SliceRange.select(v, " "));
	}

	@Test
	void badSelectionsGiveOneLine() {
		assertEquals("slices=9-12 lies outside the 10 slices of scan.tif", error("9-12"));
		assertEquals("slices=11- lies outside the 10 slices of scan.tif", error("11-"));
		assertEquals("slices=1-5,11: 11 lies outside the 10 slices of scan.tif", error("1-5,11"));
		assertEquals("slices=8-3 has 8-3, which is reversed: write 3-8", error("8-3"));
		assertEquals("slices=0-4 has slice 0: slices are counted from 1", error("0-4"));
		assertEquals("slices=1-4,3-6 names slice 3 twice: parts may not overlap", error("1-4,3-6"));
		assertEquals("slices=1-3,,5 is not a list of slices: it has an empty part; "
			+ "use e.g. 101-200, 101- (to the end) or 1-50,201-250", error("1-3,,5"));
		assertEquals("slices=first-last is not a list of slices: use e.g. 101-200, 101- (to the end) or 1-50,201-250",
			error("first-last"));
		assertEquals("slices= is empty: give slices like 101-200, 101- (to the end) or 1-50,201-250", assertThrows(
			InvalidInputException.class, () -> SliceSpec.parse("")).getMessage());
	}

	private static String error(final String spec) {
		return assertThrows(InvalidInputException.class, () -> SliceRange.select(volume(), spec)).getMessage();
	}
}
