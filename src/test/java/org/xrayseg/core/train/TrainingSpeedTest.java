package org.xrayseg.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.xrayseg.TestData;
import org.xrayseg.core.io.FileSliceSource;
import org.xrayseg.core.model.EpochRecord;
import org.xrayseg.core.model.Flops;
import org.xrayseg.core.model.NetworkSpec;
import org.xrayseg.core.model.SegmentationModel;
import org.xrayseg.core.report.HistoryTable;
import org.xrayseg.core.report.ResultTable;

/** The training history says how fast each epoch trained: patches per second and the share of the machine's peak. */
class TrainingSpeedTest {

	@Test
	void operationsAreCountedPerConvolution() {
		// depth 1, 16 filters, 3 classes on 8 x 8, counted by hand: 1 662 976 per forward pass
		final NetworkSpec spec = NetworkSpec.unet(1, 16, 3);
		assertEquals(1_662_976, Flops.forward(spec, 8, 8), 1e-6);
		assertEquals(3 * 1_662_976, Flops.trainingStep(spec, 8, 0), 1e-6);
		// three input slices (2.5D): the first convolution three times as wide
		assertEquals(1_662_976 + 2 * 18_432, Flops.forward(spec.withContext(1), 8, 8), 1e-6);
	}

	@Test
	void eachEpochRecordsItsSpeed() {
		try (FileSliceSource im = FileSliceSource.open(TestData.volume().resolve("train/images"));
			FileSliceSource lb = FileSliceSource.open(TestData.volume().resolve("train/labels"));
			SegmentationModel m = TestData.trainUNet(im, lb, TestData.tinyOptions(2, 5)))
		{
			for (final EpochRecord r : m.metadata().training().history()) {
				assertTrue(r.samplesPerSecond() > 0, r.toString());
				// not known on a busy machine; a float32 training never beats the matrix multiply's peak
				assertTrue(Double.isNaN(r.peakShare()) || r.peakShare() > 0 && r.peakShare() < 1, r.toString());
			}
			final ResultTable t = HistoryTable.of(m.metadata());
			assertTrue(t.columns().containsAll(List.of("patches per second", "share of peak")), t.columns().toString());
		}
	}
}
