package org.xrayseg.core.infer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.Locale;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import org.xrayseg.core.convert.Tensors;
import org.xrayseg.core.model.InferenceNetwork;
import org.xrayseg.core.model.NetworkSpec;
import org.xrayseg.core.model.SegmentationModel;
import org.xrayseg.core.progress.ProgressListener;
import org.xrayseg.core.runtime.CoreShare;
import org.xrayseg.core.runtime.CpuMeter;
import org.xrayseg.core.runtime.DjlRuntime;

/**
 * The tile size, tiles per batch and precision of segmenting. What "segment"
 * uses ({@link #choose}) is decided by fixed rules from the model, the
 * slice and the processor, never from a measured speed: tiles and precision
 * change some labels, and labels must not depend on how busy the machine was
 * when something was timed (the same inputs and model give the same labels on
 * a machine, every run). bfloat16 is chosen where the processor (or GPU)
 * computes it natively. For benchmarks, {@link #fastest} measures the speed of
 * each tile size, batch and precision (a few seconds each, kept per processor
 * and network shape in a {@link TuningCache}, unless other programs took
 * cores meanwhile) and says which is fastest; a user
 * who wants that choice gives it with tile_size= and precision=.
 */
public final class InferenceTuner {

	/** Tile sides tried by {@link #fastest}. */
	static final int[] TILES = { 128, 256, 512, 1024 };
	/** bfloat16 counts as faster only if at least this much faster (measurements vary by a few percent). */
	private static final double BFLOAT16_MARGIN = 1.1;
	/** The instruction sets of oneDNN (ONEDNN_MAX_CPU_ISA) that compute bfloat16 natively. */
	private static final List<String> BFLOAT16_ISAS = List.of("AVX512_CORE_BF16", "AVX512_CORE_FP16",
		"AVX512_CORE_AMX", "AVX512_CORE_AMX_FP16", "ALL", "DEFAULT");

	/**
	 * What was chosen and why.
	 *
	 * @param tileSize largest tile side (0: whole slice)
	 * @param batchSize tiles per forward pass
	 * @param precision float32 or bfloat16
	 * @param secondsPerSlice estimated time of one slice's forward passes, NaN if nothing was measured
	 * @param source e.g. "measured now", "measured before" or "given and fixed rules"
	 */
	public record Choice(int tileSize, int batchSize, Precision precision, double secondsPerSlice, String source) {

		/** @return e.g. "tile 512, 2 tiles per batch, float32 (measured before; 3.1 s per slice)" */
		public String describe() {
			return String.format(Locale.ROOT, "tile %s, %d tile%s per batch, %s (%s%s)", tileSize == 0 ? "whole slice"
				: tileSize, batchSize, batchSize == 1 ? "" : "s", precision.key(), source, Double.isNaN(secondsPerSlice)
					? "" : String.format(Locale.ROOT, "; %.2f s per slice", secondsPerSlice));
		}
	}

	private record Config(int tile, int batch, Precision precision) {

		String key() {
			return tile + "x" + batch + " " + precision.key();
		}
	}

	private final Path cacheFile;

	/** @param cacheFile where {@link #fastest} keeps measured speeds (see {@link TuningCache#defaultFile()}) */
	public InferenceTuner(final Path cacheFile) {
		this.cacheFile = cacheFile;
	}

	/**
	 * The settings of "segment", by fixed rules that do not look at the slices:
	 * the tile side given, else {@link TiledPredictor#TILE_SIZE} (a slice no
	 * larger is predicted whole),
	 * {@link TiledPredictor#TILE_BATCH} tiles per batch, and the precision
	 * given, else bfloat16 where it is native ({@link #bfloat16Native}), else
	 * float32. Nothing is measured or read from a cache.
	 *
	 * @param tileSize the user's tile side, 0 for whole slices, or -1 for the default
	 * @param precision the user's precision, or {@link Precision#AUTO}
	 */
	public static Choice choose(final SegmentationModel model, final int tileSize, final Precision precision) {
		final int tile = tileSize >= 0 ? tileSize : TiledPredictor.TILE_SIZE;
		final boolean nativeBfloat16 = precision == Precision.AUTO && bfloat16Native(model);
		final Precision p = precision != Precision.AUTO ? precision : nativeBfloat16 ? Precision.BFLOAT16
			: Precision.FLOAT32;
		final String why = precision != Precision.AUTO ? "" : nativeBfloat16 ? "; bfloat16: native on this " +
			(model.device().isGpu() ? "GPU" : "processor") : "; float32: no native bfloat16 here";
		return new Choice(tile, TiledPredictor.TILE_BATCH, p, Double.NaN, (tileSize >= 0 ? "tile given" :
			"default tile") + why + "; the same on every run");
	}

	/**
	 * The fastest settings for slices of this size, from measured speeds
	 * (benchmarks): what is not in the cache yet is measured now and kept.
	 *
	 * @param tileSize a tile side to measure alone, 0 for whole slices, or -1 for all of {@link #TILES}
	 * @param precision the precision to measure, or {@link Precision#AUTO} for float32 and, where native, bfloat16
	 */
	public Choice fastest(final SegmentationModel model, final int width, final int height, final int overlap,
		final int tileSize, final Precision precision, final ProgressListener progress)
	{
		final NetworkSpec spec = model.metadata().network();
		CoreShare.start(); // the threads measured with, part of the key
		final String key = key(model);
		final List<Config> configs = candidates(spec, width, height, overlap, tileSize, precision, model);
		final TuningCache cache = TuningCache.load(cacheFile);
		final List<Config> missing = new ArrayList<>();
		for (final Config c : configs)
			if (cache.get(key, c.key()) == null) missing.add(c);
		final CpuMeter.Reading before = CoreShare.look();
		for (int i = 0; i < missing.size(); i++) {
			progress.checkCancelled();
			final Config c = missing.get(i);
			progress.update("Measuring inference speed: " + c.key(), i, missing.size());
			cache.put(key, c.key(), secondsPerMegapixel(model, c));
		}
		// speeds measured while other programs took cores serve this choice only: they are not this machine's
		final boolean busy = !missing.isEmpty() && CoreShare.busySince(before);
		if (!missing.isEmpty() && !busy) cache.save();
		return best(cache, key, configs, width, height, overlap, spec.sizeMultiple(), missing.isEmpty()
			? "measured before" : busy ? "measured now on a busy machine, not kept" : "measured now");
	}

	/** @return the fastest measured choice for a slice, or null if none of {@code configs} is measured */
	private static Choice best(final TuningCache cache, final String key, final List<Config> configs, final int width,
		final int height, final int overlap, final int multiple, final String source)
	{
		Config best = null;
		double bestTime = Double.MAX_VALUE;
		Config bestFloat = null;
		double bestFloatTime = Double.MAX_VALUE;
		for (final Config c : configs) {
			final Double spm = cache.get(key, c.key());
			if (spm == null) continue;
			final double t = secondsPerSlice(c, spm, width, height, overlap, multiple);
			if (t < bestTime) {
				best = c;
				bestTime = t;
			}
			if (c.precision() == Precision.FLOAT32 && t < bestFloatTime) {
				bestFloat = c;
				bestFloatTime = t;
			}
		}
		if (best == null) return null;
		// bfloat16 only where clearly faster than float32
		if (best.precision() == Precision.BFLOAT16 && bestFloat != null && bestTime * BFLOAT16_MARGIN > bestFloatTime) {
			best = bestFloat;
			bestTime = bestFloatTime;
		}
		return new Choice(best.tile(), best.batch(), best.precision(), bestTime, source);
	}

	/** @return seconds of forward passes for one slice: tiles (batches filled up) times their pixels */
	private static double secondsPerSlice(final Config c, final double secondsPerMegapixel, final int width,
		final int height, final int overlap, final int multiple)
	{
		final int max = c.tile() == 0 ? Integer.MAX_VALUE / 4 : c.tile();
		final TileLayout ly = new TileLayout(height, max, overlap, multiple);
		final TileLayout lx = new TileLayout(width, max, overlap, multiple);
		final int tiles = ly.starts.length * lx.starts.length;
		final int batches = (tiles + c.batch() - 1) / c.batch();
		return (double) batches * c.batch() * ly.tile * lx.tile * secondsPerMegapixel / 1e6;
	}

	private static List<Config> candidates(final NetworkSpec spec, final int width, final int height,
		final int overlap, final int tileSize, final Precision precision, final SegmentationModel model)
	{
		final int multiple = spec.sizeMultiple();
		final List<Integer> tiles = new ArrayList<>();
		if (tileSize > 0) tiles.add(Math.max(multiple, tileSize / multiple * multiple));
		else if (tileSize == 0) tiles.add(0);
		else for (final int t : TILES)
			tiles.add(t);
		final List<Precision> precisions = new ArrayList<>();
		if (precision != Precision.BFLOAT16) precisions.add(Precision.FLOAT32);
		if (precision == Precision.BFLOAT16 || precision == Precision.AUTO && bfloat16Native(model)) precisions.add(
			Precision.BFLOAT16);
		final Set<Config> out = new LinkedHashSet<>(); // tiles larger than the slice all become the slice
		for (final Precision p : precisions)
			for (final int t : tiles) {
				// a whole slice, or a tile no smaller than the slice, is measured at the slice's padded size
				final int side = measuredSide(t, width, height, overlap, multiple);
				for (final int b : batches(side)) {
					if (b > 1 && side >= Math.max(width, height)) continue; // one tile per slice: batches do not fill
					out.add(new Config(side, b, p));
				}
			}
		return new ArrayList<>(out);
	}

	/**
	 * @return tiles per batch tried for tiles of this side: small tiles pay a
	 *         fixed cost per forward pass that batches spread, large ones fill
	 *         the processor alone (and their feature maps the memory)
	 */
	static int[] batches(final int side) {
		if (side <= 128) return new int[] { 1, 4 };
		if (side <= 512) return new int[] { 1, 2 };
		return new int[] { 1 };
	}

	/** @return the side of the square tile to measure for a largest tile {@code tile} (0: whole slice) */
	private static int measuredSide(final int tile, final int width, final int height, final int overlap,
		final int multiple)
	{
		final int whole = Math.max(new TileLayout(width, Integer.MAX_VALUE / 4, overlap, multiple).tile, new TileLayout(
			height, Integer.MAX_VALUE / 4, overlap, multiple).tile);
		return tile == 0 || tile >= whole ? whole : tile;
	}

	/**
	 * @return true on a GPU, and on a processor whose flags say it computes
	 *         bfloat16 natively (AVX512-BF16 or AMX) where oneDNN may use those
	 *         instructions (ONEDNN_MAX_CPU_ISA unset or at least AVX512_CORE_BF16)
	 *         and the engine converts to bfloat16
	 */
	static boolean bfloat16Native(final SegmentationModel model) {
		return bfloat16Native(model.device());
	}

	/** @return true on a GPU, and on a processor that computes bfloat16 natively (see above) */
	public static boolean bfloat16Native(final Device device) {
		if (device.isGpu()) return true;
		final String isa = System.getenv("ONEDNN_MAX_CPU_ISA");
		return (isa == null || isa.isBlank() || BFLOAT16_ISAS.contains(isa.trim().toUpperCase(Locale.ROOT))) && CpuInfo
			.current().bfloat16() && InferenceNetwork.bfloat16Available();
	}

	/** @return the time of a forward pass (with softmax and copy back) per megapixel of tile, best of 2 after a warm-up */
	static double secondsPerMegapixel(final SegmentationModel model, final Config c) {
		DjlRuntime.inferenceOnThisThread();
		final NetworkSpec spec = model.metadata().network();
		final int side = c.tile();
		try (InferenceNetwork network = InferenceNetwork.of(model, c.precision().dataType());
			NDManager manager = model.djlModel().getNDManager().newSubManager())
		{
			final NDArray x = manager.randomUniform(0, 1, new Shape(c.batch(), spec.inputChannels(), side, side));
			final float[] out = new float[c.batch() * spec.classes() * side * side];
			double best = Double.MAX_VALUE;
			for (int i = 0; i < 3; i++) {
				final long t0 = System.nanoTime();
				try (NDManager scope = manager.newSubManager()) {
					x.tempAttach(scope);
					Tensors.copyInto(out, network.logits(x).softmax(1));
				}
				if (i > 0) best = Math.min(best, (System.nanoTime() - t0) / 1e9);
			}
			return best / (c.batch() * (double) side * side) * 1e6;
		}
	}

	/** @return the cache key: processor, threads, engine and device, and the network's shape (not its weights) */
	static String key(final SegmentationModel model) {
		final NetworkSpec s = model.metadata().network();
		return TuningCache.machineKey() + ", " + model.device() + " | " + s.type() + " depth " + s.depth() +
			" filters " + s.baseFilters() + " classes " + s.classes() + " inputs " + s.inputChannels() + (s
				.batchNorm() ? "" : " no-bn") + " residual " + s.residualBlocks();
	}
}
