package org.xrayseg.core.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.xrayseg.core.data.LabelCoding;
import org.xrayseg.core.data.Normalization;
import org.xrayseg.core.error.InvalidInputException;
import org.xrayseg.core.model.ModelMetadata;
import org.xrayseg.core.model.NetworkSpec;

import org.xrayseg.core.model.TrainingSummary;

class TestTimeAugmentationTest {

	private static final ModelMetadata UNTRAINED = ModelMetadata.create(NetworkSpec.unet(2, 16, 3), new LabelCoding(0,
		1, 2), new Normalization(0, 1), 32, null);

	private static ModelMetadata trained(final boolean flipsAndRotations) {
		return UNTRAINED.withTraining(new TrainingSummary(Map.of("augment", Boolean.toString(flipsAndRotations)), List
			.of(), 1, 1, "cpu", "all epochs trained", null, Double.NaN));
	}

	@Test
	void autoAveragesTheFlipsAndRotationsOfSmallVolumes() {
		final TestTimeAugmentation.Decision d = TestTimeAugmentation.AUTO.decide(trained(true), 12.6);
		assertTrue(d.on());
		assertEquals("on (auto: 12.6 megapixels to segment, at most 64: the 8 flips and rotations of every slice " +
			"averaged, 8 times the forward passes)", d.describe());
		assertTrue(TestTimeAugmentation.AUTO.decide(trained(true), TestTimeAugmentation.AUTO_MEGAPIXELS).on());
		assertTrue(TestTimeAugmentation.AUTO.decide(trained(true), 0.0246).describe().startsWith(
			"on (auto: 0.02 megapixels to segment"));
	}

	@Test
	void autoLeavesThemForLargeVolumesAndSaysHowToAskForThem() {
		final TestTimeAugmentation.Decision d = TestTimeAugmentation.AUTO.decide(trained(true), 1056.3);
		assertFalse(d.on());
		assertEquals("off (auto: 1056.3 megapixels to segment, over 64; tta=true averages the 8 flips and rotations " +
			"of every slice at 8 times the time)", d.describe());
	}

	@Test
	void autoLeavesThemForModelsThatNeverSawThem() {
		assertEquals("off (auto: the model was trained without flips and rotations)", TestTimeAugmentation.AUTO
			.decide(trained(false), 1).describe());
		assertFalse(TestTimeAugmentation.AUTO.decide(UNTRAINED, 1).on(), "an untrained model: not known");
	}

	@Test
	void aGivenValueIsFollowed() {
		assertTrue(TestTimeAugmentation.parse("true").decide(trained(false), 5000).on());
		assertFalse(TestTimeAugmentation.parse(" FALSE ").decide(trained(true), 1).on());
		assertEquals(TestTimeAugmentation.AUTO, TestTimeAugmentation.parse("auto"));
		assertEquals(TestTimeAugmentation.AUTO, TestTimeAugmentation.parse(""));
		assertEquals("tta must be one of auto, true, false, not 'yes'", assertThrows(InvalidInputException.class,
			() -> TestTimeAugmentation.parse("yes")).getMessage());
	}
}
