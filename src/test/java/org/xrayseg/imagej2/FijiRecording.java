package org.xrayseg.imagej2;

import java.nio.file.Paths;
import java.util.Arrays;

import org.xrayseg.imagej1.SegmentDialogRecording;

/** The record-and-replay check of the "Segment" dialog, inside Fiji. */
final class FijiRecording {

	private FijiRecording() {}

	static void recordAndReplay(final String model, final String input, final String output) throws Exception {
		final SegmentDialogRecording.Result r = SegmentDialogRecording.recordAndReplay(Paths.get(model), Paths.get(
			input), Paths.get(output));
		System.out.println("RESULT recorded " + r.options().trim());
		System.out.println("RESULT same-labels " + Arrays.deepEquals(r.dialogRun(), r.replay()));
		System.out.println("RESULT slices " + r.replay().length);
	}
}
