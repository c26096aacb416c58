package org.xrayseg.core.annotate;

import java.util.List;

import org.xrayseg.core.report.ResultTable;

/**
 * A region where an annotation would teach the model most.
 *
 * @param slice the slice's index in the input (0-based)
 * @param sliceName the slice as the input describes it
 * @param x left edge in pixels (from 0)
 * @param y top edge in pixels (from 0)
 * @param uncertainty the mean of 1 - the chosen phase's calibrated probability over the region, a pixel next to
 *          one of another predicted phase counting {@link AnnotationSuggester#BOUNDARY_WEIGHT} of it
 * @param phases the two phases the model hesitates between most there, "a / b"
 */
public record Suggestion(int slice, String sliceName, int x, int y, int width, int height, double uncertainty,
	String phases)
{

	/** The prefix of the names of suggested regions in the ROI Manager ("annotate-1", ...); Train from Annotations skips them. */
	public static final String ROI_PREFIX = "annotate-";

	/** @return whether the two regions share a pixel on the same slice */
	public boolean overlaps(final Suggestion o) {
		return slice == o.slice && x < o.x + o.width && o.x < x + width && y < o.y + o.height && o.y < y + height;
	}

	/** @return the suggestions as a table: region name, slice number (from 1), rectangle, uncertainty, phases */
	public static ResultTable table(final List<Suggestion> suggestions) {
		final ResultTable t = new ResultTable("Suggested annotations", "region", "slice", "slice name", "x", "y",
			"width", "height", "uncertainty", "phases");
		for (int i = 0; i < suggestions.size(); i++) {
			final Suggestion s = suggestions.get(i);
			t.add(ROI_PREFIX + (i + 1), s.slice() + 1, s.sliceName(), s.x(), s.y(), s.width(), s.height(), s
				.uncertainty(), s.phases());
		}
		return t;
	}
}
