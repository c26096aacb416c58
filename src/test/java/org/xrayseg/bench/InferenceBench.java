package org.xrayseg.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import net.imglib2.img.Img;
import net.imglib2.type.numeric.integer.UnsignedShortType;

import org.xrayseg.core.choice.Auto;
import org.xrayseg.core.infer.CpuInfo;
import org.xrayseg.core.infer.InferenceTuner;
import org.xrayseg.core.infer.Precision;
import org.xrayseg.core.infer.SegmentationRun;
import org.xrayseg.core.infer.TiledPredictor;
import org.xrayseg.core.infer.TuningCache;
import org.xrayseg.core.infer.VolumeSegmenter;
import org.xrayseg.core.io.ImgSliceSource;
import org.xrayseg.core.model.Flops;
import org.xrayseg.core.model.InferenceNetwork;
import org.xrayseg.core.model.ModelFile;
import org.xrayseg.core.model.NetworkSpec;
import org.xrayseg.core.model.SegmentationModel;
import org.xrayseg.core.progress.ProgressListener;
import org.xrayseg.core.runtime.DjlRuntime;
import org.xrayseg.core.train.MatmulPeak;

/**
 * "Segment" on a 2048 x 2048 slice (normalising, tiling, labelling)
 * with the tile size, batch and precision the tuner chooses on this machine,
 * against the forward passes of the same network over the same tiles, in one
 * run; the forward passes' GFLOP/s against the peak float32 matrix multiply of
 * the same run; and, for comparison, the network's own forward pass (training
 * form: contiguous NCHW, batch norm separate) at the former fixed settings
 * (tile 512, 2 per batch). With a model file as argument, the U-Net figures
 * are of that model (trained weights) instead of random weights.
 */
public final class InferenceBench {

	private static final int SIDE = 2048;
	private static final int ROUNDS = 3;
	/** Slices of the volume whose further slices show the steady overhead of a long volume. */
	private static final int STACK = 5;
	/** Slices of the command line's volume: enough that the fresh JVM's warming up hardly counts per slice. */
	private static final int CLI_STACK = 20;

	public static void main(final String[] args) {
		DjlRuntime.inferenceOnThisThread();
		System.out.println("processor: " + CpuInfo.current().describe() + "; PyTorch " + DjlRuntime.engine()
			.getVersion() + ", " + DjlRuntime.threads() + " threads");
		final double peak = MatmulPeak.measured();
		System.out.printf(Locale.ROOT, "peak float32 matrix multiply (2048^3, best of 5): %.1f GFLOP/s%n", peak);
		final ImgSliceSource slice = new ImgSliceSource(BenchModels.slice(SIDE, 3), "slice");
		final ImgSliceSource stack = new ImgSliceSource(BenchModels.stack(SIDE, 3, STACK), "stack");
		System.out.printf(Locale.ROOT, "inference on a %dx%d slice, overlap %d (best of %d, interleaved)%n", SIDE,
			SIDE, TiledPredictor.OVERLAP, ROUNDS);
		final Path trained = args.length > 0 ? Paths.get(args[0]) : null;
		for (final NetworkSpec spec : new NetworkSpec[] { BenchModels.UNET, BenchModels.PIX2PIX }) {
			try (SegmentationModel model = trained != null && spec == BenchModels.UNET ? ModelFile.load(trained, Device
				.cpu()) : BenchModels.model(spec))
			{
				System.out.println("  " + model.metadata().network().describe() + (trained != null &&
					spec == BenchModels.UNET ? " (" + trained.getFileName() + ")" : " (random weights)"));
				final double before = rawForward(model, null, TiledPredictor.TILE_SIZE, TiledPredictor.TILE_BATCH, 1);
				report("before: own forward, tile 512 x 2, float32", model, TiledPredictor.TILE_SIZE,
					TiledPredictor.TILE_BATCH, Double.NaN, before, peak);
				double auto = Double.NaN;
				for (final Precision p : new Precision[] { Precision.FLOAT32, Precision.BFLOAT16 }) {
					final double t = segment(model, slice, stack, p, peak);
					if (p == autoPrecision(model)) auto = t;
				}
				if (spec == BenchModels.UNET) cli(model, trained, auto);
			}
		}
	}

	/** @return the precision precision=auto chooses for the slice */
	private static Precision autoPrecision(final SegmentationModel model) {
		return InferenceTuner.choose(model, Auto.NUMBER,
			Precision.AUTO).precision();
	}

	/**
	 * bin/xrayseg's segment with the default keys (tile_size=auto precision=auto: fixed rules, see
	 * InferenceTuner.choose) and tta=false on the same slice as a TIFF file, once as one slice and once as a stack of
	 * 20, against the Segment time above; and the part of the command's own time its network ran.
	 */
	private static void cli(final SegmentationModel model, final Path trained, final double bench) {
		try {
			final Path dir = Files.createDirectories(Paths.get("target", "bench", "inference"));
			final Path file = trained != null ? trained : dir.resolve("unet-random.xrsm");
			if (trained == null) ModelFile.save(model, file, true);
			final Img<UnsignedShortType> img = BenchModels.slice(SIDE, 3);
			final Path one = CliRun.stack(dir, img, 1);
			final Path many = CliRun.stack(dir, img, CLI_STACK);
			// tta=false: by default one slice (4 megapixels) would be segmented with test-time augmentation, 8 times
			// the forward passes, and the 20 slices without (tta=auto), as Segment above is
			CliRun.segment(file, one, "tta=false"); // a first run pays for reading the files from disk
			final CliRun.Times a = CliRun.segment(file, one, "tta=false");
			final CliRun.Times b = CliRun.segment(file, many, "tta=false");
			final double perSlice = (b.own() - a.own()) / (CLI_STACK - 1);
			final double network = (b.network() - a.network()) / (CLI_STACK - 1);
			System.out.printf(Locale.ROOT, "    bin/xrayseg segment, same slice as a TIFF file, default keys and " +
				"tta=false: %.2f s (JVM start included), %.2f s its own time (model, reading, segmenting, writing); " +
				"%.2f s for %d slices: %.2f s per further slice = %.2f of the Segment time above (goal within 10%%); of it the " +
				"network %.2f s, the rest (reading, normalising, tiling, labelling, writing) %.1f%% of that%n", a.wall(),
				a.own(), b.own(), CLI_STACK, perSlice, perSlice / bench, network, 100 * (perSlice - network) / network);
		}
		catch (final IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** @return the best Segment time */
	private static double segment(final SegmentationModel model, final ImgSliceSource slice,
		final ImgSliceSource stack, final Precision precision, final double peak)
	{
		final InferenceTuner.Choice c = new InferenceTuner(TuningCache.defaultFile()).fastest(model, SIDE, SIDE,
			TiledPredictor.OVERLAP, Auto.NUMBER, precision, ProgressListener.NONE);
		System.out.println("    chosen: " + c.describe());
		final VolumeSegmenter segmenter = new VolumeSegmenter(model, c.tileSize(), TiledPredictor.OVERLAP, c
			.batchSize(), false, c.precision());
		// interleaved, so that the machine's drift hits both alike; best of each
		double segment = Double.MAX_VALUE;
		double raw = Double.MAX_VALUE;
		double volume = Double.MAX_VALUE;
		double volumeNetwork = Double.NaN; // the network's part of that same run
		for (int round = 0; round < ROUNDS; round++) {
			segment = Math.min(segment, Timing.best(round == 0 ? 1 : 0, 1, () -> segmenter.run(slice,
				ProgressListener.NONE, (i, l) -> {})));
			raw = Math.min(raw, rawForward(model, c.precision(), c.tileSize(), c.batchSize(), round == 0 ? 1 : 0));
			final double before = segmenter.networkSeconds();
			final double t = Timing.best(0, 1, () -> segmenter.run(stack, ProgressListener.NONE, (i, l) -> {}));
			if (t < volume) {
				volume = t;
				volumeNetwork = segmenter.networkSeconds() - before;
			}
		}
		report(c.precision().key() + ", tile " + c.tileSize() + " x " + c.batchSize(), model, c.tileSize(), c
			.batchSize(), segment, raw, peak);
		final double further = (volume - segment) / (STACK - 1);
		System.out.printf(Locale.ROOT, "    %-42s Segment of %d such slices %.2f s: %.2f s per further slice, " +
			"overhead %.1f%% (the network made and the grey values measured once per volume); in that run the " +
			"network %.2f s, the rest %.1f%% of it%n", "", STACK, volume, further, 100 * (further - raw) / raw,
			volumeNetwork, 100 * (volume - volumeNetwork) / volumeNetwork);
		return segment;
	}

	private static void report(final String what, final SegmentationModel model, final int tile, final int batch,
		final double segment, final double raw, final double peak)
	{
		final int[] tiling = new TiledPredictor(model, tile, TiledPredictor.OVERLAP, batch).tiling(SIDE, SIDE);
		final double gflops = tiling[2] * Flops.forward(model.metadata().network(), tiling[0], tiling[1]) / raw / 1e9;
		final String seg = Double.isNaN(segment) ? "" : String.format(Locale.ROOT,
			"Segment %.2f s (%.2f Mpixel/s), overhead %.1f%% (goal <= 10%%); ", segment, SIDE * (double) SIDE /
				segment / 1e6, 100 * (segment - raw) / raw);
		System.out.printf(Locale.ROOT, "    %-42s %sforward passes %.2f s = %.1f GFLOP/s = %.0f%% of peak%n", what,
			seg, raw, gflops, 100 * gflops / peak);
	}

	/**
	 * @param precision the inference network's, or null for the network's own (training-form) forward pass
	 * @return seconds of the forward passes alone, over tiles made beforehand
	 */
	private static double rawForward(final SegmentationModel model, final Precision precision, final int tile,
		final int batch, final int warmups)
	{
		final int[] tiling = new TiledPredictor(model, tile, TiledPredictor.OVERLAP, batch).tiling(SIDE, SIDE);
		try (NDManager manager = model.djlModel().getNDManager().newSubManager();
			InferenceNetwork network = precision == null ? null : InferenceNetwork.of(model, precision.dataType()))
		{
			final List<NDArray> batches = new ArrayList<>();
			for (int done = 0; done < tiling[2]; done += batch)
				batches.add(manager.randomUniform(0, 1, new Shape(Math.min(batch, tiling[2] - done), model.metadata().network().inputChannels(), tiling[0],
					tiling[1])));
			return Timing.best(warmups, 1, () -> {
				for (final NDArray x : batches)
					try (NDManager scope = manager.newSubManager()) {
						x.tempAttach(scope); // the activations of this pass go with the scope
						if (network == null) model.logits(x);
						else network.logits(x);
					}
			});
		}
	}
}
