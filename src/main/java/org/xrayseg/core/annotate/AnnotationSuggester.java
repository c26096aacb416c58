package org.xrayseg.core.annotate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntFunction;

import org.xrayseg.core.error.InvalidInputException;
import org.xrayseg.core.infer.Precision;
import org.xrayseg.core.infer.TiledPredictor;
import org.xrayseg.core.infer.VolumeSegmenter;
import org.xrayseg.core.io.SliceSource;
import org.xrayseg.core.model.SegmentationModel;
import org.xrayseg.core.progress.ProgressListener;

/**
 * Where annotations would teach a model most: the square regions where its
 * calibrated confidence is lowest, spread over the volume and over the phases
 * it hesitates between. Each considered slice (all, or {@link #MAX_SLICES}
 * evenly spaced ones) is predicted as Segment predicts it; every window of
 * the given size on a grid of half its side is scored by the mean uncertainty
 * (1 - the chosen phase's probability) of its pixels, where a pixel next to
 * one predicted as another phase counts {@link #BOUNDARY_WEIGHT} of its
 * uncertainty: along every boundary the model is unsure by a pixel (partial
 * volume, blur), which strokes inside the phases do not change, while an
 * uncertain pixel inside a predicted phase is one that such strokes can
 * correct. Otherwise a window's score would mostly count its length of
 * boundary. Regions are then chosen
 * greedily by score, never overlapping another on the same slice, with the
 * score halved for each region already chosen on a nearby slice and lowered by
 * a fifth for each region already chosen between the same two phases, so that
 * ten suggestions are not ten views of one boundary.
 */
public final class AnnotationSuggester {

	/** Slices predicted at most; a longer volume is sampled evenly. */
	public static final int MAX_SLICES = 64;
	/** The share of its uncertainty that a pixel with a neighbour of another predicted phase counts. */
	static final double BOUNDARY_WEIGHT = 0.1;
	private static final double NEARBY_SLICE = 0.5;
	private static final double SAME_PHASES = 0.8;

	private AnnotationSuggester() {}

	/**
	 * @param count how many regions
	 * @param size the side of a region in pixels (smaller where a slice is smaller)
	 * @return the regions, best first
	 */
	public static List<Suggestion> suggest(final SegmentationModel model, final SliceSource input, final int count,
		final int size, final ProgressListener progress)
	{
		if (count < 1 || size < 8) throw new InvalidInputException("count must be at least 1 and size at least 8 " +
			"pixels");
		if (input.size() == 0) throw new InvalidInputException(input.name() + " has no slices");
		final int k = model.metadata().network().classes();
		final List<Suggestion> candidates = new ArrayList<>();
		final int[] slices = considered(input.size());
		final VolumeSegmenter segmenter = new VolumeSegmenter(model, TiledPredictor.TILE_SIZE, TiledPredictor.OVERLAP,
			TiledPredictor.TILE_BATCH, false, Precision.FLOAT32);
		try (VolumeSegmenter.Part part = segmenter.open(input.whole(), progress)) {
			for (int j = 0; j < slices.length; j++) {
				progress.checkCancelled();
				final int i = slices[j];
				final VolumeSegmenter.Prediction p = part.predict(input.indexInWhole(i), progress.slice(j, 1,
					slices.length));
				candidates.addAll(windows(p, k, size, i, input.describe(i), count, model.metadata().coding()::name));
				progress.update("Looked at " + input.describe(i), j + 1, slices.length);
			}
		}
		return choose(candidates, count, Math.max(1, input.size() / (2 * count)));
	}

	/** @return the slice indices to predict: all, or {@link #MAX_SLICES} evenly spaced */
	static int[] considered(final int slices) {
		final int n = Math.min(slices, MAX_SLICES);
		final int[] out = new int[n];
		for (int j = 0; j < n; j++)
			out[j] = (int) ((j + 0.5) * slices / n);
		return out;
	}

	/** @return the best windows of one slice that do not overlap each other (at most 4 x count) */
	static List<Suggestion> windows(final VolumeSegmenter.Prediction p, final int k, final int size,
		final int slice, final String name, final int count, final IntFunction<String> phase)
	{
		final int w = p.width();
		final int h = p.height();
		final int n = w * h;
		final int sw = Math.min(size, w);
		final int sh = Math.min(size, h);
		// integral images of the uncertainty and of each phase's uncertainty-weighted probability
		final double[][] integral = new double[k + 1][(w + 1) * (h + 1)];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				final int i = y * w + x;
				final double u = (1 - p.probabilities()[p.classes()[i] * n + i]) * (boundary(p.classes(), w, h, x, y)
					? BOUNDARY_WEIGHT : 1);
				final int at = (y + 1) * (w + 1) + x + 1;
				for (int c = 0; c <= k; c++) {
					final double v = c == k ? u : u * p.probabilities()[c * n + i];
					integral[c][at] = v + integral[c][at - 1] + integral[c][at - (w + 1)] - integral[c][at - (w + 1) - 1];
				}
			}
		final List<Suggestion> all = new ArrayList<>();
		final int step = Math.max(1, size / 2);
		for (int y = 0; y + sh <= h; y += step)
			for (int x = 0; x + sw <= w; x += step) {
				final double score = sum(integral[k], w, x, y, sw, sh) / (sw * sh);
				int first = 0;
				int second = 1;
				final double[] mass = new double[k];
				for (int c = 0; c < k; c++)
					mass[c] = sum(integral[c], w, x, y, sw, sh);
				for (int c = 0; c < k; c++)
					if (mass[c] > mass[first]) first = c;
				second = first == 0 ? 1 : 0;
				for (int c = 0; c < k; c++)
					if (c != first && mass[c] > mass[second]) second = c;
				final String a = phase.apply(Math.min(first, second));
				final String b = phase.apply(Math.max(first, second));
				all.add(new Suggestion(slice, name, x, y, sw, sh, score, a + " / " + b));
			}
		all.sort(Comparator.comparingDouble(Suggestion::uncertainty).reversed());
		final List<Suggestion> kept = new ArrayList<>();
		for (final Suggestion s : all) {
			if (kept.size() >= 4 * count) break;
			if (kept.stream().noneMatch(o -> o.overlaps(s))) kept.add(s);
		}
		return kept;
	}

	/** @return true if a pixel of the 3 x 3 neighbourhood of (x, y) is predicted as another phase */
	private static boolean boundary(final byte[] classes, final int w, final int h, final int x, final int y) {
		final byte c = classes[y * w + x];
		for (int yy = Math.max(0, y - 1); yy <= Math.min(h - 1, y + 1); yy++)
			for (int xx = Math.max(0, x - 1); xx <= Math.min(w - 1, x + 1); xx++)
				if (classes[yy * w + xx] != c) return true;
		return false;
	}

	private static double sum(final double[] integral, final int w, final int x, final int y, final int sw,
		final int sh)
	{
		final int r = w + 1;
		return integral[(y + sh) * r + x + sw] - integral[y * r + x + sw] - integral[(y + sh) * r + x] + integral[y *
			r + x];
	}

	/** Greedy choice: best score first, lowered for regions near those already chosen (see the class comment). */
	static List<Suggestion> choose(final List<Suggestion> candidates, final int count, final int nearby) {
		final List<Suggestion> chosen = new ArrayList<>();
		final List<Suggestion> left = new ArrayList<>(candidates);
		while (chosen.size() < count && !left.isEmpty()) {
			Suggestion best = null;
			double bestScore = -1;
			for (final Suggestion s : left) {
				if (chosen.stream().anyMatch(c -> c.overlaps(s))) continue;
				double score = s.uncertainty();
				for (final Suggestion c : chosen) {
					if (Math.abs(c.slice() - s.slice()) <= nearby) score *= NEARBY_SLICE;
					if (c.phases().equals(s.phases())) score *= SAME_PHASES;
				}
				if (score > bestScore) {
					bestScore = score;
					best = s;
				}
			}
			if (best == null) break;
			chosen.add(best);
			left.remove(best);
		}
		return chosen;
	}
}
