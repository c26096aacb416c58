package org.xrayseg.imagej1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import ij.ImagePlus;
import ij.ImageStack;
import ij.gui.Line;
import ij.gui.OvalRoi;
import ij.gui.Roi;
import ij.process.ImageProcessor;

import org.junit.jupiter.api.Test;
import org.xrayseg.core.error.InvalidInputException;

/** ROIs of the ROI Manager become sparse labels as the user drew them. */
class RoiAnnotationsTest {

	private final ImagePlus image = new ImagePlus("scan", ImageStack.create(40, 30, 3, 16));

	@Test
	void areasAreFilledLinesDrawnAsStrokesAndLaterRoisWin() {
		final Roi area = named(new Roi(2, 2, 10, 8), "pore", 1);
		final Roi correction = named(new OvalRoi(4, 4, 4, 4), "YSZ", 1);
		final Roi line = named(new Line(10, 20, 30, 20), "nickel-2", 2);
		final RoiAnnotations.Labels labels = RoiAnnotations.of(image, new Roi[] { area, correction, line });
		assertEquals(List.of("nickel", "pore", "YSZ"), labels.phases(), "codes 1, 2, 3 in the order of the names");
		final ImageProcessor first = labels.labels().getStack().getProcessor(1);
		assertEquals(2, first.get(3, 3), "pore, filled");
		assertEquals(3, first.get(6, 6), "YSZ, drawn over the pore area");
		assertEquals(0, first.get(20, 20), "not annotated");
		final ImageProcessor second = labels.labels().getStack().getProcessor(2);
		assertEquals(1, second.get(20, 20));
		assertEquals(1, second.get(20, 21), "a line is a stroke of 3 pixels");
		assertEquals(0, second.get(20, 23));
		assertEquals(0, labels.labels().getStack().getProcessor(3).getStatistics().max, "slice 3 has no ROI");
	}

	@Test
	void roisThatNameNoPhaseOrNoSliceAreRefusedInOneLine() {
		assertTrue(message(named(new Roi(1, 1, 3, 3), "0001-0002-0002", 1), named(new Roi(5, 5, 3, 3), "pore", 1))
			.contains("'0001-0002-0002' names no phase"));
		assertTrue(message(named(new Roi(1, 1, 3, 3), "nickel", 0), named(new Roi(5, 5, 3, 3), "pore", 1)).contains(
			"'nickel' belongs to no slice"));
		assertTrue(message(named(new Roi(1, 1, 3, 3), "pore", 1), named(new Roi(5, 5, 3, 3), "pore 2", 2)).contains(
			"only the phase 'pore': annotate at least two phases"));
		assertTrue(message().contains("The ROI Manager holds no ROI"));
	}

	@Test
	void aNamedGroupIsThePhase() {
		final Roi a = named(new Roi(1, 1, 3, 3), "stroke", 1);
		a.setGroup(7);
		Roi.setGroupName(7, "pore");
		final Roi b = named(new Roi(5, 5, 3, 3), "nickel", 1);
		assertEquals(List.of("nickel", "pore"), RoiAnnotations.of(image, new Roi[] { a, b }).phases());
	}

	@Test
	void regionsSuggestedForAnnotationAreNotAnnotations() {
		final Roi suggested = named(new Roi(0, 0, 40, 30), "annotate-1", 1);
		final Roi pore = named(new Roi(1, 1, 3, 3), "pore", 1);
		final Roi nickel = named(new Roi(5, 5, 3, 3), "nickel", 1);
		final RoiAnnotations.Labels labels = RoiAnnotations.of(image, new Roi[] { pore, suggested, nickel });
		assertEquals(List.of("nickel", "pore"), labels.phases(), "no phase 'annotate'");
		assertEquals(0, labels.labels().getStack().getProcessor(1).get(20, 20), "the suggested square marks nothing");
	}

	private String message(final Roi... rois) {
		return assertThrows(InvalidInputException.class, () -> RoiAnnotations.of(image, rois)).getMessage();
	}

	private static Roi named(final Roi roi, final String name, final int slice) {
		roi.setName(name);
		roi.setPosition(slice);
		return roi;
	}
}
