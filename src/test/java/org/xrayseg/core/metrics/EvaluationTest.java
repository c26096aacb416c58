package org.xrayseg.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.xrayseg.core.data.LabelCoding;
import org.xrayseg.core.report.ResultTable;

class EvaluationTest {

	/**
	 * Truth and prediction on a 4x2 image:
	 *
	 * <pre>
	 * truth 0 0 0 1    prediction 0 0 1 1
	 *       1 1 2 2               1 2 2 2
	 * </pre>
	 *
	 * class 0: TP 2, FN 1, FP 0: Dice 4/5, IoU 2/3; class 1: TP 2, FN 1, FP 1:
	 * Dice 4/6, IoU 2/4; class 2: TP 2, FN 0, FP 1: Dice 4/5, IoU 2/3.
	 */
	private static final byte[] TRUTH = { 0, 0, 0, 1, 1, 1, 2, 2 };
	private static final byte[] PREDICTION = { 0, 0, 1, 1, 1, 2, 2, 2 };

	@Test
	void diceAndIoUOfHandMadeMasks() {
		final ConfusionMatrix m = ConfusionMatrix.of(TRUTH, PREDICTION, 3);
		assertEquals(0.8, m.dice(0), 1e-15);
		assertEquals(4.0 / 6, m.dice(1), 1e-15);
		assertEquals(0.8, m.dice(2), 1e-15);
		assertEquals(2.0 / 3, m.iou(0), 1e-15);
		assertEquals(0.5, m.iou(1), 1e-15);
		assertEquals(2.0 / 3, m.iou(2), 1e-15);
		assertEquals(6.0 / 8, m.accuracy(), 1e-15);
	}

	@Test
	void meanAndPopulationStdOverSlicesSkipAbsentClasses() {
		final SegmentationScores e = new SegmentationScores(new LabelCoding(0, 128, 255));
		e.add("a", ConfusionMatrix.of(TRUTH, PREDICTION, 3));
		e.add("b", ConfusionMatrix.of(new byte[] { 0, 0, 1, 1 }, new byte[] { 0, 0, 1, 1 }, 3));
		assertEquals((0.8 + 1) / 2, e.meanDice(0), 1e-15);
		assertEquals(0.1, e.stdDice(0), 1e-15);
		assertEquals((4.0 / 6 + 1) / 2, e.meanDice(1), 1e-15);
		// class 2 is absent from slice b: its Dice there is undefined and left out
		assertEquals(0.8, e.meanDice(2), 1e-15);
		assertEquals(0.0, e.stdDice(2), 1e-15);
		assertEquals(1, e.slicesWith(2));
		assertEquals(10.0 / 12, e.pixelAccuracy(), 1e-15);
		assertEquals(4, e.total().count(0, 0));
	}

	@Test
	void diceTableHasOneRowPerPhaseAndTheMean() {
		final SegmentationScores e = new SegmentationScores(new LabelCoding(0, 128, 255));
		e.add("a", ConfusionMatrix.of(TRUTH, PREDICTION, 3));
		final ResultTable t = ScoreTables.dice(e);
		assertEquals(4, t.rowCount());
		assertEquals("code 128", t.get(1, ScoreTables.PHASE));
		assertEquals(4.0 / 6, (Double) t.get(1, ScoreTables.DICE_MEAN), 1e-15);
		assertEquals("mean", t.get(3, ScoreTables.PHASE));
		assertEquals((0.8 + 4.0 / 6 + 0.8) / 3, (Double) t.get(3, ScoreTables.DICE_MEAN), 1e-15);
		assertTrue(t.toCsv().startsWith("phase,Dice mean,Dice std,IoU mean,IoU std,slices\ncode 0,0.8,0.0,"), t
			.toCsv());
	}
}
