package org.xrayseg.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;


import ai.djl.Device;

import org.xrayseg.core.data.LabelCoding;
import org.xrayseg.core.data.LabelledSlices;
import org.xrayseg.core.data.Normalization;
import org.xrayseg.core.data.SyntheticVolume;
import org.xrayseg.core.data.TrainingData;
import org.xrayseg.core.infer.InferenceTuner;
import org.xrayseg.core.model.Flops;
import org.xrayseg.core.model.NetworkSpec;
import org.xrayseg.core.model.SegmentationModel;
import org.xrayseg.core.progress.ProgressListener;
import org.xrayseg.core.runtime.DjlRuntime;
import org.xrayseg.core.train.MatmulPeak;
import org.xrayseg.core.train.Pix2PixOptions;
import org.xrayseg.core.train.Pix2PixTrainer;
import org.xrayseg.core.train.TrainingOptions;
import org.xrayseg.core.train.UNetTrainer;

/**
 * Training throughput: images per second and achieved GFLOP/s of the real
 * training loop (patch sampling, forward, backward, Adam), against the peak
 * matrix-multiply GFLOP/s of the same engine measured in the same run, in
 * float32 and, where the processor computes it natively, bfloat16 (mixed
 * precision). Goals: float32 at 80% of the float32 peak, bfloat16 at 1.6x
 * float32's rate. Arguments: [batch [patch [u-net|pix2pix]]].
 */
public final class TrainingBench {

	private static final int STEPS = 30;
	/** Measured runs of each network and precision after a warm-up; the fastest counts. */
	private static final int RUNS = 2;
	private static final String[] PRECISIONS = { "float32", "bfloat16" };

	public static void main(final String[] args) {
		DjlRuntime.inferenceOnThisThread();
		final double peak = MatmulPeak.measured();
		System.out.printf(Locale.ROOT, "peak float32 matrix multiply (2048^3, best of 5): %.1f GFLOP/s%n", peak);
		final int batch = args.length > 0 ? Integer.parseInt(args[0]) : 8;
		final int patch = args.length > 1 ? Integer.parseInt(args[1]) : 128;
		final TrainingData data = data(patch);
		final String only = args.length > 2 ? args[2] : "";
		for (final NetworkSpec spec : new NetworkSpec[] { BenchModels.UNET, BenchModels.UNET_WIDE,
			BenchModels.PIX2PIX }) {
			if (!only.isEmpty() && !spec.describe().toLowerCase(Locale.ROOT).startsWith(only)) continue;
			double float32 = Double.NaN;
			for (final String precision : PRECISIONS) {
				if (precision.equals("bfloat16") && !InferenceTuner.bfloat16Native(Device.cpu())) continue;
				final TrainingOptions o = TrainingOptions.defaults().withEpochs(1).withStepsPerEpoch(STEPS).withBatchSize(
					batch).withPatchSize(patch).withNetwork(spec.depth(), spec.baseFilters()).withValidationFraction(0.5)
					.withTileSize(0).withSeed(1).withDevice("cpu").withPrecision(precision);
				// warm-up run, then the best of the measured ones
				final double seconds = Timing.best(1, RUNS, () -> train(spec, data, o).close());
				final double flops = Flops.trainingStep(spec, patch, spec.residualBlocks() > 0
					? Pix2PixOptions.DISCRIMINATOR_FILTERS : 0);
				final double gflops = flops * batch * STEPS / seconds / 1e9;
				final double rate = batch * STEPS / seconds;
				if (precision.equals("float32")) float32 = rate;
				System.out.printf(Locale.ROOT, "  %-40s %-8s batch %d, patch %d: %.1f patches/s, %.1f GFLOP/s = %.0f%% " +
					"of the float32 peak%s%n", spec.describe(), precision, batch, patch, rate, gflops, 100 * gflops / peak,
					precision.equals("float32") ? " (goal >= 80%)" : String.format(Locale.ROOT,
						", %.2fx float32 (goal >= 1.6x)", rate / float32));
			}
		}
	}

	private static SegmentationModel train(final NetworkSpec spec, final TrainingData data,
		final TrainingOptions o)
	{
		if (spec.residualBlocks() > 0) return Pix2PixTrainer.train(data, Pix2PixOptions.defaults(o),
			ProgressListener.NONE);
		return UNetTrainer.train(data, o, ProgressListener.NONE);
	}

	/** @return 8 training slices of 256 x 256 and a tiny validation slice, so that validation costs nothing */
	private static TrainingData data(final int patch) {
		final int side = Math.max(256, patch);
		final SyntheticVolume.Volume v = SyntheticVolume.generate(8, side, side, 5);
		final LabelCoding coding = new LabelCoding(0, 128, 255);
		final Normalization norm = new Normalization(0, 65535);
		final List<LabelledSlices.Slice> slices = new ArrayList<>();
		for (int z = 0; z < 8; z++) {
			final float[] p = new float[side * side];
			final byte[] c = new byte[side * side];
			for (int i = 0; i < p.length; i++) {
				p[i] = (v.images()[z][i] & 0xffff) / 65535f;
				c[i] = (byte) ((v.labels()[z][i] & 0xff) / 127);
			}
			slices.add(new LabelledSlices.Slice(p, c, side, side, "s" + z));
		}
		final LabelledSlices training = new LabelledSlices(slices);
		final LabelledSlices.Slice first = slices.get(0);
		final LabelledSlices validation = new LabelledSlices(List.of(first.rows(0, 16)));
		return new TrainingData(training, validation, coding, norm, null);
	}
}
