package org.xrayseg.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import ai.djl.nn.Parameter;
import ai.djl.util.Pair;

import org.junit.jupiter.api.Test;

/** The one description of the U-Net: what model files store and how the runs of it go. */
class UNetTopologyTest {

	/** A feature map of the recording run: only its identity matters. */
	private static final class Map {}

	/** Runs the topology on maps without contents, recording the stages run and the maps released. */
	private static final class Recording implements UNetTopology.Convolutions<Map> {

		final List<Integer> stages = new ArrayList<>();
		final Set<Map> made = new HashSet<>();
		final List<Map> released = new ArrayList<>();

		private Map made() {
			final Map m = new Map();
			made.add(m);
			return m;
		}

		@Override
		public Map stage(final int index, final Map x) {
			stages.add(index);
			return made();
		}

		@Override
		public Map pool(final Map x) {
			return made();
		}

		@Override
		public Map upsample(final Map x) {
			return made();
		}

		@Override
		public Map concat(final Map up, final Map skip) {
			return made();
		}

		@Override
		public Map add(final Map x, final Map branch) {
			return made();
		}

		@Override
		public void release(final Map x) {
			released.add(x);
		}
	}

	@Test
	void parameterNamesAreThoseOfEarlierModelFiles() {
		final List<String> expected = new ArrayList<>();
		for (final String stage : new String[] { "01down0", "02bottom", "03residual0" })
			expected.addAll(twoConvolutionsWithBatchNorm(stage));
		expected.addAll(List.of("04up0_project_weight", "04up0_project_bias"));
		expected.addAll(twoConvolutionsWithBatchNorm("05up0_merge"));
		expected.addAll(List.of("06head_weight", "06head_bias"));
		final List<String> names = new ArrayList<>();
		for (final Pair<String, Parameter> p : new UNetBlock(1, 16, 2, true, 1, 0.5).getParameters())
			names.add(p.getKey());
		assertEquals(expected, names);
		final List<String> plain = new ArrayList<>();
		for (final Pair<String, Parameter> p : new UNetBlock(1, 16, 2, false, 0, 0).getParameters())
			plain.add(p.getKey());
		assertEquals(List.of("01down0_01Conv2d_weight", "01down0_01Conv2d_bias", "01down0_03Conv2d_weight",
			"01down0_03Conv2d_bias"), plain.subList(0, 4));
	}

	private static List<String> twoConvolutionsWithBatchNorm(final String stage) {
		final List<String> names = new ArrayList<>();
		for (final String layer : new String[] { "01Conv2d_weight", "02BatchNorm_gamma", "02BatchNorm_beta",
			"02BatchNorm_runningMean", "02BatchNorm_runningVar", "04Conv2d_weight", "05BatchNorm_gamma",
			"05BatchNorm_beta", "05BatchNorm_runningMean", "05BatchNorm_runningVar" })
			names.add(stage + "_" + layer);
		return names;
	}

	@Test
	void residualStagesEndWithoutReluAndOnlyTheHeadGivesClasses() {
		final UNetTopology t = new UNetTopology(2, 16, 5, true, 1);
		final List<UNetTopology.Stage> stages = t.stages();
		assertEquals(List.of("down0", "down1", "bottom", "residual0", "up1_project", "up1_merge", "up0_project",
			"up0_merge", "head"), stages.stream().map(UNetTopology.Stage::name).toList());
		assertEquals(List.of(new ConvUnit(3, 64, true, true), new ConvUnit(3, 64, true, false)), stages.get(3)
			.units());
		assertEquals(List.of(new ConvUnit(1, 5, false, false)), stages.get(8).units());
	}

	@Test
	void runsEveryStageOnceInStoredOrderAndReleasesEveryInnerMapOnce() {
		final UNetTopology t = new UNetTopology(3, 16, 4, true, 2);
		final Recording r = new Recording();
		final Map input = new Map();
		final Map output = t.forward(r, input);
		final List<Integer> all = new ArrayList<>();
		for (int i = 0; i < t.stages().size(); i++)
			all.add(i);
		assertEquals(all, r.stages);
		assertEquals(r.released.size(), new HashSet<>(r.released).size(), "no map released twice");
		assertFalse(r.released.contains(input), "the caller's input is the caller's");
		assertFalse(r.released.contains(output));
		final Set<Map> inner = new HashSet<>(r.made);
		inner.remove(output);
		assertEquals(inner, new HashSet<>(r.released));
		assertTrue(r.made.contains(output));
	}
}
