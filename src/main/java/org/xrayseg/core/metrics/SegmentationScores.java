package org.xrayseg.core.metrics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.xrayseg.core.data.LabelCoding;

/**
 * Scores of a segmentation over a set of slices: Dice and IoU of every class
 * per slice, their mean and standard deviation over slices (population
 * standard deviation, as numpy's default; slices where a class is absent from
 * truth and prediction are left out for that class), pixel accuracy and the
 * confusion matrix over all slices.
 */
public final class SegmentationScores {

	private final LabelCoding coding;
	private final List<String> sliceNames = new ArrayList<>();
	private final List<ConfusionMatrix> perSlice = new ArrayList<>();
	private final ConfusionMatrix total;

	public SegmentationScores(final LabelCoding coding) {
		this.coding = coding;
		this.total = new ConfusionMatrix(coding.classes());
	}

	/** Adds the confusion matrix of one slice. */
	public void add(final String sliceName, final ConfusionMatrix slice) {
		sliceNames.add(sliceName);
		perSlice.add(slice);
		total.add(slice);
	}

	public LabelCoding coding() {
		return coding;
	}

	public int slices() {
		return perSlice.size();
	}

	public List<String> sliceNames() {
		return Collections.unmodifiableList(sliceNames);
	}

	/** @return the confusion matrix of slice {@code i} */
	public ConfusionMatrix slice(final int i) {
		return perSlice.get(i);
	}

	/** @return the confusion matrix over all slices */
	public ConfusionMatrix total() {
		return total;
	}

	public double pixelAccuracy() {
		return total.accuracy();
	}

	public double meanDice(final int c) {
		return Stats.mean(values(c, true));
	}

	public double stdDice(final int c) {
		return Stats.std(values(c, true));
	}

	public double meanIoU(final int c) {
		return Stats.mean(values(c, false));
	}

	public double stdIoU(final int c) {
		return Stats.std(values(c, false));
	}

	/** @return the mean over classes of the per-class mean Dice */
	public double meanDiceOverClasses() {
		return Stats.mean(meanDicePerClass());
	}

	/** @return each class's mean Dice over the slices (NaN for a class in no slice) */
	public double[] meanDicePerClass() {
		final double[] perClass = new double[coding.classes()];
		for (int c = 0; c < perClass.length; c++)
			perClass[c] = meanDice(c);
		return perClass;
	}

	/** @return the number of slices in which class {@code c} occurs in truth or prediction */
	public int slicesWith(final int c) {
		int n = 0;
		for (final double v : values(c, true))
			if (!Double.isNaN(v)) n++;
		return n;
	}

	private double[] values(final int c, final boolean dice) {
		final double[] v = new double[perSlice.size()];
		for (int i = 0; i < v.length; i++)
			v[i] = dice ? perSlice.get(i).dice(c) : perSlice.get(i).iou(c);
		return v;
	}
}
