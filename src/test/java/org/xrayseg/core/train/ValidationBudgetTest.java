package org.xrayseg.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.xrayseg.core.data.LabelledSlices;

class ValidationBudgetTest {

	/** SOC's plan: 47 steps of 8 patches of 128 x 128, a validated pixel a third of a trained one. */
	private static final long SOC_BUDGET = ValidationBudget.pixels(47, 8 * 128 * 128, 1.0 / 3);

	@Test
	void manyLargeValidationSlicesAreScoredEvenlySpacedWithinAQuarterOfAnEpoch() {
		final LabelledSlices fifty = slices(50, 501);
		final LabelledSlices chosen = ValidationBudget.perEpoch(fifty, SOC_BUDGET);
		assertEquals(18, chosen.size(), "4.6 megapixels of 0.25 each");
		assertEquals("s1", chosen.get(0).name());
		assertEquals("s48", chosen.get(17).name(), "spread over the whole set");
		assertEquals(chosen.size(), ValidationBudget.count(fifty, SOC_BUDGET));
		final String reason = ValidationBudget.reason(fifty, SOC_BUDGET);
		assertTrue(reason.startsWith("validate after each epoch on 18 of the 50 validation slices, evenly spaced"),
			reason);
	}

	@Test
	void fewSlicesOrAnEarlierPlanValidateOnAll() {
		final LabelledSlices fifty = slices(50, 501);
		assertSame(fifty, ValidationBudget.perEpoch(fifty, 0), "plans of earlier versions: every slice");
		final LabelledSlices few = slices(ValidationBudget.MIN_SLICES, 2048);
		assertSame(few, ValidationBudget.perEpoch(few, SOC_BUDGET));
		assertNull(ValidationBudget.reason(few, SOC_BUDGET), "nothing left out, nothing said");
		final LabelledSlices small = slices(15, 96);
		assertSame(small, ValidationBudget.perEpoch(small, SOC_BUDGET), "within the budget");
	}

	@Test
	void hugeSlicesKeepTheMinimumCount() {
		assertEquals(ValidationBudget.MIN_SLICES, ValidationBudget.perEpoch(slices(20, 2048), SOC_BUDGET).size(),
			"never fewer slices than the minimum, however large");
	}

	private static LabelledSlices slices(final int n, final int side) {
		final List<LabelledSlices.Slice> list = new ArrayList<>();
		final float[] pixels = new float[side * side];
		final byte[] classes = new byte[side * side];
		for (int i = 0; i < n; i++)
			list.add(new LabelledSlices.Slice(pixels, classes, side, side, "s" + i));
		return new LabelledSlices(list);
	}
}
