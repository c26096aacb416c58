package org.xrayseg.core.train;

import java.nio.file.Paths;

import ai.djl.Device;

import org.xrayseg.core.data.LabelledSlices;
import org.xrayseg.core.io.FileSliceSource;
import org.xrayseg.core.model.ModelFile;
import org.xrayseg.core.model.SegmentationModel;
import org.xrayseg.core.progress.ProgressListener;

/**
 * Bench helper: measures a trained model's response to simulated changes of
 * scan conditions again, as training does at its end ({@link ShiftFit}), on
 * given validation slices, and saves the model with it (to try other
 * simulations without training again). Usage: ShiftRefit MODEL VALIDATION_IMAGES
 * VALIDATION_LABELS OUT_MODEL [SEED]
 */
public final class ShiftRefit {

	private ShiftRefit() {}

	public static void main(final String[] args) throws Exception {
		try (SegmentationModel model = ModelFile.load(Paths.get(args[0]), Device.cpu());
			FileSliceSource images = FileSliceSource.open(Paths.get(args[1]));
			FileSliceSource labels = FileSliceSource.open(Paths.get(args[2])))
		{
			final LabelledSlices validation = LabelledSlices.load(images, java.util.stream.IntStream.range(0, images.size()).toArray(),
				labels, model.metadata().normalization(), model.metadata().coding(), model.metadata().network()
					.contextSlices(), ProgressListener.NONE);
			final long start = System.nanoTime();
			final var calibration = model.metadata().probabilityCalibration();
			final var shifts = ShiftFit.fit(model, calibration, validation, 512, args.length > 4 ? Long.parseLong(
				args[4]) : 1, ProgressListener.NONE);
			System.out.printf("%s in %.1f s%n", shifts.describe(), (System.nanoTime() - start) / 1e9);
			model.setMetadata(model.metadata().withCalibration(calibration.withShifts(shifts)));
			ModelFile.save(model, Paths.get(args[3]), true);
		}
	}
}
