package org.xrayseg.core.infer;

import java.nio.FloatBuffer;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import org.xrayseg.core.convert.NativeFloats;
import org.xrayseg.core.convert.Tensors;
import org.xrayseg.core.model.InferenceNetwork;
import org.xrayseg.core.model.SegmentationModel;
import org.xrayseg.core.progress.ProgressListener;

/**
 * Predicts class probabilities of a whole 2D image of any size with a network
 * that sees tiles: tiles overlap, lie on the network's pooling grid, and each
 * pixel takes the prediction of one tile, in which it lies at least half the
 * overlap away from the tile border, where the network lacks context (see
 * {@link TileLayout}). The result therefore hardly depends on the tile size,
 * once the overlap covers the network's receptive field. Labels alone are the
 * largest logits (no softmax). The network runs as an {@link InferenceNetwork}
 * (batch normalisation folded, channels-last, in the chosen precision), made
 * anew for every image so that a model that is still training is seen with its
 * current weights. Tiles are written straight into the input tensor's memory,
 * and native memory is freed after every batch of tiles.
 */
public final class TiledPredictor {

	/** Default tile side for inference; large tiles waste less compute on overlap. */
	public static final int TILE_SIZE = 512;
	/** Default pixels shared by neighbouring tiles (each gives the other half of it context). */
	public static final int OVERLAP = 32;
	/** Default tiles per forward pass. */
	public static final int TILE_BATCH = 2;

	private final SegmentationModel model;
	private final int tileSize;
	private final int overlap;
	private final int batchSize;
	private final boolean tta;
	private final Precision precision;
	private final LongAdder networkNanos = new LongAdder();

	/**
	 * @param tileSize largest tile side; rounded down to a multiple the network
	 *          accepts; 0 for the whole image in one tile
	 * @param overlap pixels shared by neighbouring tiles (also the context added
	 *          around the image by reflection)
	 * @param batchSize tiles per forward pass
	 */
	public TiledPredictor(final SegmentationModel model, final int tileSize, final int overlap,
		final int batchSize)
	{
		this(model, tileSize, overlap, batchSize, false);
	}

	/** @param tta average the predictions of the 8 symmetries of the square (8 times the work) */
	public TiledPredictor(final SegmentationModel model, final int tileSize, final int overlap,
		final int batchSize, final boolean tta)
	{
		this(model, tileSize, overlap, batchSize, tta, Precision.FLOAT32);
	}

	/**
	 * @param precision {@link Precision#FLOAT32} or {@link Precision#BFLOAT16}
	 *          (resolve {@link Precision#AUTO} first, see {@link InferenceTuner})
	 */
	public TiledPredictor(final SegmentationModel model, final int tileSize, final int overlap,
		final int batchSize, final boolean tta, final Precision precision)
	{
		if (precision == Precision.AUTO) throw new IllegalArgumentException("Resolve precision=auto first");
		this.model = model;
		this.tta = tta;
		this.precision = precision;
		final int multiple = model.metadata().network().sizeMultiple();
		this.tileSize = tileSize <= 0 ? Integer.MAX_VALUE / 4 : Math.max(multiple, tileSize / multiple * multiple);
		this.overlap = Math.max(0, overlap);
		this.batchSize = Math.max(1, batchSize);
	}

	/**
	 * @param pixels normalised grey values, row-major (H, W)
	 * @return class probabilities, row-major (K, H, W)
	 */
	public float[] probabilities(final float[] pixels, final int width, final int height,
		final ProgressListener progress)
	{
		return probabilities(new float[][] { pixels }, width, height, progress);
	}

	/**
	 * @param channels the input channels (the slice and its neighbours, see
	 *          {@link org.xrayseg.core.model.NetworkSpec#inputChannels()}), each
	 *          normalised grey values, row-major (H, W)
	 * @return class probabilities, row-major (K, H, W); with test-time
	 *         augmentation the mean over the 8 symmetries of the square
	 */
	public float[] probabilities(final float[][] channels, final int width, final int height,
		final ProgressListener progress)
	{
		try (InferenceNetwork network = network()) {
			return probabilities(network, channels, width, height, progress);
		}
	}

	/**
	 * @return class probabilities, row-major (K, H, W), predicted by {@code network} (as
	 *         {@link #probabilities(float[][], int, int, ProgressListener)}, not calibrated), each pixel's from the
	 *         one tile that owns it
	 */
	public float[] probabilities(final InferenceNetwork network, final float[][] channels, final int width,
		final int height, final ProgressListener progress)
	{
		final int classes = model.metadata().network().classes();
		final int n = width * height;
		final float[] out = new float[classes * n];
		eachTile(network, channels, width, height, true, progress, (values, core) -> {
			for (int y = core.y0; y < core.y1; y++)
				for (int c = 0; c < classes; c++)
					values.get(core.offset(c, y, core.x0), out, c * n + y * width + core.x0, core.x1 - core.x0);
		});
		return out;
	}

	/** @return (H, W) the class of largest logit, each pixel's from the one tile that owns it */
	private byte[] largestLogits(final InferenceNetwork network, final float[][] channels, final int width,
		final int height, final ProgressListener progress)
	{
		final int classes = model.metadata().network().classes();
		final byte[] out = new byte[width * height];
		eachTile(network, channels, width, height, false, progress, (values, core) -> {
			final int pixels = core.x1 - core.x0;
			final float[] row = new float[pixels * classes]; // a row of the tile's core, copied out in one piece
			for (int y = core.y0; y < core.y1; y++) {
				values.get(core.offset(0, y, core.x0), row, 0, row.length); // channels-last: contiguous
				LargestLogits.row(row, 0, pixels, classes, out, y * width + core.x0);
			}
		});
		return out;
	}

	/** @return seconds the network has run in this predictor's calls so far (the rest of their time is Java's) */
	public double networkSeconds() {
		return networkNanos.sum() / 1e9;
	}

	/** @return {tile height, tile width, number of tiles} for an image of this size */
	public int[] tiling(final int width, final int height) {
		final int multiple = model.metadata().network().sizeMultiple();
		final TileLayout ly = new TileLayout(height, tileSize, overlap, multiple);
		final TileLayout lx = new TileLayout(width, tileSize, overlap, multiple);
		return new int[] { ly.tile, lx.tile, ly.starts.length * lx.starts.length };
	}

	/** @return the most probable class of every pixel, row-major (H, W) */
	public byte[] classes(final float[] pixels, final int width, final int height, final ProgressListener progress) {
		return classes(new float[][] { pixels }, width, height, progress);
	}

	/** @return the most probable class of every pixel, row-major (H, W), from all input channels */
	public byte[] classes(final float[][] channels, final int width, final int height,
		final ProgressListener progress)
	{
		try (InferenceNetwork network = network()) {
			return classes(network, channels, width, height, progress);
		}
	}

	/**
	 * @return this predictor's network in its precision, with the model's current
	 *         weights, for {@link #classes(InferenceNetwork, float[][], int, int, ProgressListener)}
	 *         on many slices (making it costs tens of milliseconds); the caller closes it
	 */
	public InferenceNetwork network() {
		return InferenceNetwork.of(model, precision.dataType());
	}

	/** @return the most probable class of every pixel, row-major (H, W), predicted by {@code network} */
	public byte[] classes(final InferenceNetwork network, final float[][] channels, final int width,
		final int height, final ProgressListener progress)
	{
		final int classes = model.metadata().network().classes();
		// without the average of the symmetries the largest logit is the most probable class: no softmax
		return tta ? argmax(probabilities(network, channels, width, height, progress), classes) : largestLogits(network,
			channels, width, height, progress);
	}

	/** @param probabilities (K, H, W) row-major @return (H, W) index of the largest value over K */
	public static byte[] argmax(final float[] probabilities, final int classes) {
		final int n = probabilities.length / classes;
		final byte[] out = new byte[n];
		final int chunk = 1 << 16;
		IntStream.range(0, (n + chunk - 1) / chunk).parallel().forEach(k -> {
			for (int i = k * chunk; i < Math.min(n, (k + 1) * chunk); i++) {
				int best = 0;
				float max = probabilities[i];
				for (int c = 1; c < classes; c++) {
					final float p = probabilities[c * n + i];
					if (p > max) {
						max = p;
						best = c;
					}
				}
				out[i] = (byte) best;
			}
		});
		return out;
	}

	/** What is done with the values of each tile of a batch: for the pixels of {@code core} */
	private interface TileValues {
		/** @param values of the batch: probabilities (N, K, tile height, tile width) or logits (N, tile height, tile width, K) */
		void accept(NativeFloats values, Core core);
	}

	/**
	 * The pixels a tile owns: image rows y0..y1 and columns x0..x1 (exclusive), and where they lie in a batch
	 * whose values are class planes, or with the classes of each pixel together ({@code channelsLast})
	 */
	private record Core(int y0, int y1, int x0, int x1, int tileInBatch, int classes, TileLayout ly, TileLayout lx,
		int tileY, int tileX, boolean channelsLast)
	{
		/** @return the index in the batch's values of class {@code c} at image pixel (x, y) */
		int offset(final int c, final int y, final int x) {
			final int ty = y + ly.margin - tileY;
			final int tx = x + lx.margin - tileX;
			return channelsLast ? ((tileInBatch * ly.tile + ty) * lx.tile + tx) * classes + c
				: ((tileInBatch * classes + c) * ly.tile + ty) * lx.tile + tx;
		}
	}

	/**
	 * Runs the network over the tiles of an image, {@link #batchSize} at a time, and hands each
	 * tile's class probabilities ({@code softmax}, class planes) or logits (channels-last), with the
	 * pixels it owns, to {@code sink}.
	 */
	private void eachTile(final InferenceNetwork network, final float[][] channels, final int width,
		final int height, final boolean softmax, final ProgressListener progress, final TileValues sink)
	{
		final int multiple = model.metadata().network().sizeMultiple();
		final TileLayout ly = new TileLayout(height, tileSize, overlap, multiple);
		final TileLayout lx = new TileLayout(width, tileSize, overlap, multiple);
		final int classes = model.metadata().network().classes();
		final int tiles = ly.starts.length * lx.starts.length;
		// the input tensor of a full batch is written again for each (its memory is paged in once per image)
		try (NDManager image = model.djlModel().getNDManager().newSubManager()) {
			NDArray full = null;
			for (int first = 0; first < tiles; first += batchSize) {
				progress.checkCancelled();
				final int count = Math.min(batchSize, tiles - first);
				try (NDManager manager = image.newSubManager()) {
					final Shape shape = new Shape(count, channels.length, ly.tile, lx.tile);
					final Consumer<FloatBuffer> tilesIn = tiles(channels, width, ly, lx, first, count);
					final NDArray x;
					if (count == batchSize && full == null) x = full = Tensors.filled(image, shape, tilesIn);
					else if (count == batchSize && Tensors.fill(full, tilesIn)) x = full;
					else x = Tensors.filled(manager, shape, tilesIn); // the last, smaller batch, or on a GPU
					if (x == full) x.tempAttach(manager); // what is computed from it goes with this batch
					// probabilities reordered into class planes; logits read where they lie (channels-last: a view)
					final NativeFloats values = softmax ? NativeFloats.of(probabilities(network, x)) : timed(
						() -> network.channelsLastLogits(x));
					for (int t = 0; t < count; t++) {
						final int ky = (first + t) / lx.starts.length;
						final int kx = (first + t) % lx.starts.length;
						sink.accept(values, new Core(ly.ownedFrom(ky), ly.ownedTo(ky), lx.ownedFrom(kx), lx.ownedTo(kx), t,
							classes, ly, lx, ly.starts[ky], lx.starts[kx], !softmax));
					}
				}
				progress.update("Tile " + (first + count) + "/" + tiles, first + count, tiles);
			}
		}
	}

	/**
	 * @return (N, K, H, W) class probabilities of a batch of tiles; with test-time augmentation the mean over
	 *         the 8 symmetries of the square, each tile turned, predicted and turned back
	 */
	private NDArray probabilities(final InferenceNetwork network, final NDArray x) {
		if (!tta) return timed(() -> network.logits(x)).softmax(1);
		NDArray sum = null;
		for (int s = 0; s < Symmetry.COUNT; s++) {
			final NDArray turned = Symmetry.turn(x, s);
			final NDArray logits = timed(() -> network.logits(turned));
			if (turned != x) turned.close();
			final NDArray p = Symmetry.back(logits, s).softmax(1);
			logits.close();
			if (sum == null) sum = p;
			else {
				sum.addi(p);
				p.close();
			}
		}
		return sum.divi(Symmetry.COUNT);
	}

	/** @return what {@code network} computes, its time counted as the network's */
	private <T> T timed(final java.util.function.Supplier<T> network) {
		final long start = System.nanoTime();
		try {
			return network.get();
		}
		finally {
			networkNanos.add(System.nanoTime() - start);
		}
	}

	/**
	 * @return writes tiles {@code first}.. of the image into a (count, C, tile height, tile width) float32
	 *         tensor's values ({@link Tensors#filled}), the planes in parallel: the network is idle meanwhile
	 */
	private static Consumer<FloatBuffer> tiles(final float[][] channels, final int width, final TileLayout ly,
		final TileLayout lx, final int first, final int count)
	{
		return target -> IntStream.range(0, count * channels.length).parallel().forEach(plane -> {
			final int tile = first + plane / channels.length;
			copyTile(channels[plane % channels.length], width, ly, lx, ly.starts[tile / lx.starts.length],
				lx.starts[tile % lx.starts.length], target, plane * ly.tile * lx.tile); // absolute puts, disjoint
		});
	}

	private static void copyTile(final float[] pixels, final int width, final TileLayout ly, final TileLayout lx,
		final int y0, final int x0, final FloatBuffer target, final int offset)
	{
		final int inside = x0 - lx.margin;
		final boolean contiguous = inside >= 0 && inside + lx.tile <= width;
		final int[] columns = new int[contiguous ? 0 : lx.tile]; // the mirrored columns, found once per tile
		for (int x = 0; x < columns.length; x++)
			columns[x] = lx.source(x0 + x);
		final float[] row = contiguous ? null : new float[lx.tile];
		for (int y = 0; y < ly.tile; y++) {
			final int source = ly.source(y0 + y) * width;
			final int dst = offset + y * lx.tile;
			if (contiguous) target.put(dst, pixels, source + inside, lx.tile);
			else {
				for (int x = 0; x < lx.tile; x++)
					row[x] = pixels[source + columns[x]];
				target.put(dst, row);
			}
		}
	}
}
