package org.xrayseg.core.compare;

import org.xrayseg.core.metrics.SegmentationScores;

/**
 * How one segmentation method did on the test slices.
 *
 * @param method e.g. "U-Net"
 * @param evaluation Dice etc. on the test slices
 * @param trainingSeconds time to train (or fit) the method
 * @param secondsPerSlice time to segment one test slice, reading and normalising included
 */
public record MethodResult(String method, SegmentationScores evaluation, double trainingSeconds,
	double secondsPerSlice)
{}
