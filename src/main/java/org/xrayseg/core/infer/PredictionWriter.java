package org.xrayseg.core.infer;

import java.nio.file.Path;
import java.util.List;

import net.imglib2.img.array.ArrayImgs;

import org.xrayseg.core.io.AtomicOutput;
import org.xrayseg.core.io.SliceSource;
import org.xrayseg.core.io.TiffSliceSink;
import org.xrayseg.core.model.SegmentationModel;
import org.xrayseg.core.report.LinePlot;

/**
 * Writes what Segment gives besides the labels ({@link PredictionOutputs}) as
 * the slices come: the calibrated probabilities (one channel per phase), the
 * confidence map, and the per-slice quality estimate with its plot. Every
 * output is checked before any work and appears only when complete.
 */
public final class PredictionWriter implements AutoCloseable {

	private final PredictionOutputs outputs;
	private final boolean overwrite;
	private final SliceSource input;
	private final SegmentationModel model;
	private final int classes;
	private final TiffSliceSink probabilities;
	private final TiffSliceSink confidence;
	private final QualityTable quality;

	/** @param overwrite replace existing outputs */
	public PredictionWriter(final SegmentationModel model, final SliceSource input, final PredictionOutputs outputs,
		final boolean overwrite)
	{
		this.outputs = outputs;
		this.overwrite = overwrite;
		this.input = input;
		this.model = model;
		this.classes = model.metadata().network().classes();
		for (final Path p : new Path[] { outputs.probabilities(), outputs.confidence(), outputs.quality() })
			if (p != null && input.path() != null) AtomicOutput.requireNotInput(p, input.path());
		if (outputs.quality() != null) {
			AtomicOutput.file(outputs.quality(), overwrite).close();
			AtomicOutput.file(outputs.qualityPlot(), overwrite).close();
		}
		probabilities = outputs.probabilities() == null ? null : new TiffSliceSink(outputs.probabilities(), outputs
			.eightBit() ? 8 : 32, overwrite, input.voxelSize()).withChannels(classes);
		confidence = outputs.confidence() == null ? null : new TiffSliceSink(outputs.confidence(), 32, overwrite, input
			.voxelSize());
		quality = new QualityTable(model.metadata().coding(), model.metadata().probabilityCalibration().shifts() !=
			null);
	}

	/** Writes slice {@code i} of the input. */
	public void accept(final int i, final VolumeSegmenter.Prediction p) {
		final String name = input.fileName(i);
		if (probabilities != null) probabilities.write(outputs.eightBit() ? ArrayImgs.unsignedBytes(bytes(p
			.probabilities()), p.width(), p.height(), classes) : ArrayImgs.floats(p.probabilities(), p.width(), p
				.height(), classes), name);
		if (confidence != null) confidence.write(ArrayImgs.floats(confidence(p), p.width(), p.height()), name);
		quality.add(input.describe(i), p.quality().get(), GreyShift.unlike(model,
			p.grey()));
	}

	/** Completes every output; @return the quality estimate */
	public QualityTable commit() {
		if (probabilities != null) probabilities.commit();
		if (confidence != null) confidence.commit();
		if (outputs.quality() != null) {
			quality.table().writeCsv(outputs.quality(), overwrite);
			LinePlot.writePng(List.of(quality.plot()), 800, 350, outputs.qualityPlot(), overwrite);
		}
		return quality;
	}

	@Override
	public void close() {
		if (probabilities != null) probabilities.close();
		if (confidence != null) confidence.close();
	}

	/** @return the confidence of every pixel: its chosen phase's probability, or the margin over the second */
	private float[] confidence(final VolumeSegmenter.Prediction p) {
		final int n = p.width() * p.height();
		final float[] out = new float[n];
		final float[] prob = p.probabilities();
		for (int i = 0; i < n; i++) {
			float first = 0;
			float second = 0;
			for (int c = 0; c < classes; c++) {
				final float v = prob[c * n + i];
				if (v > first) {
					second = first;
					first = v;
				}
				else if (v > second) second = v;
			}
			out[i] = outputs.margin() ? first - second : first;
		}
		return out;
	}

	private static byte[] bytes(final float[] probabilities) {
		final byte[] b = new byte[probabilities.length];
		for (int i = 0; i < b.length; i++)
			b[i] = (byte) Math.round(Math.max(0, Math.min(1, probabilities[i])) * 255);
		return b;
	}

}
