package org.xrayseg.core.metrics;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.xrayseg.core.convert.Pixels;
import org.xrayseg.core.data.LabelCoding;
import org.xrayseg.core.data.SlicePairs;
import org.xrayseg.core.error.InvalidInputException;
import org.xrayseg.core.io.SliceSource;
import org.xrayseg.core.progress.ProgressListener;

/**
 * Compares a predicted label volume with a reference one, slice by slice and
 * in one pass: both may use any label coding, and every value found in either
 * becomes a class.
 */
public final class LabelScorer {

	private LabelScorer() {}

	/** @throws InvalidInputException if the volumes do not pair up or hold non-label values */
	public static SegmentationScores evaluate(final SliceSource prediction, final SliceSource truth,
		final ProgressListener progress)
	{
		return evaluate(prediction, truth, null, progress);
	}

	/**
	 * @param classNames the phases' names in the order of the values found, or null for "code N"
	 * @throws InvalidInputException if the volumes do not pair up, hold non-label
	 *           values, or the names do not fit the phases
	 */
	public static SegmentationScores evaluate(final SliceSource prediction, final SliceSource truth,
		final List<String> classNames, final ProgressListener progress)
	{
		return evaluate(prediction, truth, classNames, LabelCoding.NO_UNLABELLED, progress);
	}

	/**
	 * @param unlabelled the reference value that means "not annotated": those
	 *          pixels, and slices with no other, are not scored; or
	 *          {@link LabelCoding#NO_UNLABELLED}
	 * @throws InvalidInputException as {@link #evaluate(SliceSource, SliceSource, List, ProgressListener)}, and
	 *           if the reference annotates no pixel
	 */
	public static SegmentationScores evaluate(final SliceSource prediction, final SliceSource truth,
		final List<String> classNames, final int unlabelled, final ProgressListener progress)
	{
		SlicePairs.check(truth, prediction);
		final BitSet values = new BitSet();
		final List<Map<Long, Long>> counts = new ArrayList<>();
		final List<String> names = new ArrayList<>();
		for (int i = 0; i < truth.size(); i++) {
			progress.checkCancelled();
			progress.update("Evaluating " + prediction.describe(i), i, truth.size());
			final int[] t = labels(truth, i);
			final int[] p = labels(prediction, i);
			final Map<Long, Long> pairs = pairCounts(t, p);
			if (unlabelled >= 0) pairs.keySet().removeIf(key -> (int) (key >>> 32) == unlabelled);
			if (pairs.isEmpty()) continue;
			pairs.keySet().forEach(key -> {
				values.set((int) (key >>> 32));
				values.set((int) (key & 0xffffffffL));
			});
			if (values.cardinality() > LabelCoding.MAX_CLASSES) throw new InvalidInputException(prediction.describe(
				i) + " and " + truth.describe(i) + " hold more than " + LabelCoding.MAX_CLASSES +
				" distinct values: are they label images?");
			counts.add(pairs);
			names.add(prediction.describe(i));
		}
		progress.update("Evaluated", truth.size(), truth.size());
		if (counts.isEmpty()) throw new InvalidInputException("The reference " + truth.name() + " annotates no " +
			"pixel: every pixel holds the unlabelled value " + unlabelled);
		final LabelCoding coding = new LabelCoding(values.stream().toArray()).withNames(classNames).withUnlabelled(
			unlabelled);
		final SegmentationScores evaluation = new SegmentationScores(coding);
		for (int i = 0; i < counts.size(); i++) {
			final ConfusionMatrix m = new ConfusionMatrix(coding.classes());
			for (final Map.Entry<Long, Long> e : counts.get(i).entrySet()) {
				final int tv = (int) (e.getKey() >>> 32);
				final int pv = (int) (e.getKey() & 0xffffffffL);
				m.add(indexOf(coding, tv), indexOf(coding, pv), e.getValue());
			}
			evaluation.add(names.get(i), m);
		}
		return evaluation;
	}

	/** @return pixel counts keyed by (truth value << 32 | predicted value) */
	private static Map<Long, Long> pairCounts(final int[] t, final int[] p) {
		final Map<Long, Long> pairs = new HashMap<>();
		int max = 0;
		for (int k = 0; k < t.length; k++)
			max = Math.max(max, Math.max(t[k], p[k]));
		if (max > 255) {
			for (int k = 0; k < t.length; k++)
				pairs.merge((long) t[k] << 32 | p[k], 1L, Long::sum);
			return pairs;
		}
		final long[] dense = new long[256 * 256];
		for (int k = 0; k < t.length; k++)
			dense[t[k] << 8 | p[k]]++;
		for (int i = 0; i < dense.length; i++)
			if (dense[i] > 0) pairs.put((long) (i >>> 8) << 32 | (i & 0xff), dense[i]);
		return pairs;
	}

	private static int[] labels(final SliceSource source, final int i) {
		final float[] v = Pixels.toFloats(source.slice(i));
		final int[] out = new int[v.length];
		for (int k = 0; k < v.length; k++) {
			if (v[k] != Math.rint(v[k]) || v[k] < 0 || v[k] > 65535) throw new InvalidInputException(source
				.describe(i) + " holds the value " + v[k] + ": label images must hold whole numbers in 0..65535");
			out[k] = (int) v[k];
		}
		return out;
	}

	private static int indexOf(final LabelCoding coding, final int code) {
		for (int c = 0; c < coding.classes(); c++)
			if (coding.code(c) == code) return c;
		throw new IllegalStateException("code " + code);
	}
}
