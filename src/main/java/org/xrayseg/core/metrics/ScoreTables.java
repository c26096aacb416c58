package org.xrayseg.core.metrics;

import org.xrayseg.core.report.ResultTable;

/** Tables of an {@link SegmentationScores} for people: the Dice table, per-slice scores, the confusion matrix. */
public final class ScoreTables {

	public static final String PHASE = "phase";
	public static final String DICE_MEAN = "Dice mean";
	public static final String DICE_STD = "Dice std";

	private ScoreTables() {}

	/**
	 * @return one row per phase (its label code), then "mean": Dice and IoU mean
	 *         and standard deviation over slices, and the number of slices in
	 *         which the phase occurs
	 */
	public static ResultTable dice(final SegmentationScores e) {
		final ResultTable t = new ResultTable(e.coding().unlabelled() >= 0 ? "Dice (annotated pixels only)" : "Dice", PHASE, DICE_MEAN, DICE_STD, "IoU mean", "IoU std", "slices");
		double dice = 0;
		double diceStd = 0;
		double iou = 0;
		double iouStd = 0;
		final int k = e.coding().classes();
		for (int c = 0; c < k; c++) {
			t.add(e.coding().name(c), e.meanDice(c), e.stdDice(c), e.meanIoU(c), e.stdIoU(c), e.slicesWith(
				c));
			dice += e.meanDice(c) / k;
			diceStd += e.stdDice(c) / k;
			iou += e.meanIoU(c) / k;
			iouStd += e.stdIoU(c) / k;
		}
		t.add("mean", dice, diceStd, iou, iouStd, e.slices());
		return t;
	}

	/** @return one row per slice: its name, pixel accuracy and the Dice of every phase */
	public static ResultTable perSlice(final SegmentationScores e) {
		final int k = e.coding().classes();
		final String[] columns = new String[k + 2];
		columns[0] = "slice";
		columns[1] = "accuracy";
		for (int c = 0; c < k; c++)
			columns[c + 2] = "Dice " + e.coding().name(c);
		final ResultTable t = new ResultTable("Dice per slice", columns);
		for (int i = 0; i < e.slices(); i++) {
			final Object[] row = new Object[k + 2];
			row[0] = e.sliceNames().get(i);
			row[1] = e.slice(i).accuracy();
			for (int c = 0; c < k; c++)
				row[c + 2] = e.slice(i).dice(c);
			t.add(row);
		}
		return t;
	}

	/** @return pixel counts over all slices, rows = true phase, columns = predicted phase */
	public static ResultTable confusion(final SegmentationScores e) {
		final int k = e.coding().classes();
		final String[] columns = new String[k + 1];
		columns[0] = "true \\ predicted";
		for (int c = 0; c < k; c++)
			columns[c + 1] = e.coding().name(c);
		final ResultTable t = new ResultTable("Confusion matrix", columns);
		for (int r = 0; r < k; r++) {
			final Object[] row = new Object[k + 1];
			row[0] = e.coding().name(r);
			for (int c = 0; c < k; c++)
				row[c + 1] = e.total().count(r, c);
			t.add(row);
		}
		return t;
	}
}
