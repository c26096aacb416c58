package org.xrayseg.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;

import ai.djl.Device;

import org.junit.jupiter.api.Test;
import org.xrayseg.MessageLog;
import org.xrayseg.TestData;
import org.xrayseg.core.convert.Pixels;
import org.xrayseg.core.data.TrainingData;
import org.xrayseg.core.infer.Precision;
import org.xrayseg.core.infer.VolumeSegmenter;
import org.xrayseg.core.io.FileSliceSource;
import org.xrayseg.core.model.EpochRecord;
import org.xrayseg.core.model.ModelFile;
import org.xrayseg.core.model.SegmentationModel;
import org.xrayseg.core.runtime.CoreShare;
import org.xrayseg.core.runtime.DjlRuntime;
import org.xrayseg.core.train.TrainingOptions;
import org.xrayseg.core.train.UNetTrainer;

/**
 * On a machine whose cores other programs keep busy, training computes with
 * one thread (PyTorch's threads would otherwise wait for each other), says
 * so on each epoch's line and in the history, and Segment gives the labels it
 * gives on a quiet machine but for pixels tied to the last digit.
 */
class BusyMachineTest {

	@Test
	void trainingAndSegmentFollowTheFreeCores() {
		assumeTrue(DjlRuntime.defaultThreads() >= 2, "one core: nothing to choose");
		final String fixed = System.getProperty(CoreShare.PROPERTY);
		System.clearProperty(CoreShare.PROPERTY); // the test JVM fixes the threads: follow the load here
		try (SegmentationModel m = ModelFile.load(TestData.model(), Device.cpu())) {
			final List<float[]> quiet = segment(m);
			final MessageLog log = new MessageLog();
			final List<Process> load = ReproducibilityUnderLoadTest.load();
			final List<float[]> busy;
			try {
				Thread.sleep(1100); // the load running, and the quiet look at it old enough to look again
			}
			catch (final InterruptedException e) {
				Thread.currentThread().interrupt();
			}
			try (SegmentationModel trained = train(log)) {
				for (final EpochRecord r : trained.metadata().training().history()) {
					assertEquals(1, r.threads(), "epoch " + r.epoch());
					assertTrue(r.coresTaken() >= 0.5, "epoch " + r.epoch() + ": " + r.coresTaken());
				}
				busy = segment(m);
				assertEquals(1, DjlRuntime.threads());
			}
			finally {
				load.forEach(Process::destroyForcibly);
			}
			final String epoch = log.startingWith("Epoch 1/2:");
			assertTrue(epoch != null && epoch.contains("machine busy: other programs want "), log.toString());
			// another thread count adds a convolution's terms in another order: a pixel whose two best classes
			// are tied to the last digit may flip (about 1 in 2.5 million on SOC), no more
			int differ = 0;
			int pixels = 0;
			for (int i = 0; i < quiet.size(); i++)
				for (int p = 0; p < quiet.get(i).length; p++, pixels++)
					if (quiet.get(i)[p] != busy.get(i)[p]) differ++;
			assertTrue(differ <= pixels / 1000, differ + " of " + pixels + " pixels differ");
		}
		finally {
			if (fixed != null) System.setProperty(CoreShare.PROPERTY, fixed);
			DjlRuntime.threads(DjlRuntime.defaultThreads());
		}
	}

	private static SegmentationModel train(final MessageLog log) {
		final TrainingOptions o = TestData.tinyOptions(2, 5);
		try (FileSliceSource im = FileSliceSource.open(TestData.volume().resolve("train/images"));
			FileSliceSource lb = FileSliceSource.open(TestData.volume().resolve("train/labels")))
		{
			return UNetTrainer.train(TrainingData.prepare(im, lb, null, null, TrainingData.Settings.of(o
				.validationFraction()), log), o, log);
		}
	}

	/** @return the labels of the test slices, with the threads chosen for the load now */
	private static List<float[]> segment(final SegmentationModel m) {
		final List<float[]> out = new ArrayList<>();
		try (FileSliceSource in = FileSliceSource.open(TestData.volume().resolve("test/images"))) {
			new VolumeSegmenter(m, 0, 0, 1, false, Precision.FLOAT32).run(in, new MessageLog(), (i, labels) -> out.add(
				Pixels.toFloats(labels)));
		}
		return out;
	}
}
