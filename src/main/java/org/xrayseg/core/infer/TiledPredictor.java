package org.xrayseg.core.infer;

import java.util.stream.IntStream;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import org.xrayseg.core.convert.Tensors;
import org.xrayseg.core.model.InferenceNetwork;
import org.xrayseg.core.model.SegmentationModel;
import org.xrayseg.core.progress.ProgressListener;

/**
 * Predicts class probabilities of a whole 2D image of any size with a network
 * that sees tiles: tiles overlap, lie on the network's pooling grid, and their
 * predictions are blended with weights that fall off sharply within half the
 * overlap of the tile border, where the network lacks context (see
 * {@link TileLayout}). The result therefore hardly depends on the tile size,
 * once the overlap covers the network's receptive field. The network runs as
 * an {@link InferenceNetwork} (batch normalisation folded, channels-last, in
 * the chosen precision), made anew for every image so that a model that is
 * still training is seen with its current weights. Native memory is freed
 * after every batch of tiles.
 */
public final class TiledPredictor {

	/** Default tile side for inference; large tiles waste less compute on overlap. */
	public static final int TILE_SIZE = 512;
	/** Default pixels shared by neighbouring tiles (half of it is blended). */
	public static final int OVERLAP = 32;
	/** Default tiles per forward pass. */
	public static final int TILE_BATCH = 2;

	private final SegmentationModel model;
	private final int tileSize;
	private final int overlap;
	private final int batchSize;
	private final boolean tta;
	private final Precision precision;

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
			return probabilities(network, channels, width, height, true, progress);
		}
	}

	/**
	 * @return class probabilities, row-major (K, H, W), predicted by {@code network} (as
	 *         {@link #probabilities(float[][], int, int, ProgressListener)}, not calibrated)
	 */
	public float[] probabilities(final InferenceNetwork network, final float[][] channels, final int width,
		final int height, final ProgressListener progress)
	{
		return probabilities(network, channels, width, height, true, progress);
	}

	/** @param normalise false: the weighted sums, whose largest class is the same (saves a pass) */
	private float[] probabilities(final InferenceNetwork network, final float[][] channels, final int width,
		final int height, final boolean normalise, final ProgressListener progress)
	{
		if (!tta) return predict(network, channels, width, height, normalise, progress);
		final int classes = model.metadata().network().classes();
		final float[] mean = new float[classes * width * height];
		for (int s = 0; s < Symmetry.COUNT; s++) {
			final ProgressListener part = progress.slice(s, 1, Symmetry.COUNT);
			final float[][] turned = new float[channels.length][];
			for (int c = 0; c < channels.length; c++)
				turned[c] = Symmetry.apply(channels[c], width, height, s);
			final boolean swapped = Symmetry.swapsAxes(s);
			final float[] p = predict(network, turned, swapped ? height : width, swapped ? width : height, true, part);
			Symmetry.addInverse(p, classes, width, height, s, mean);
		}
		for (int i = 0; i < mean.length; i++)
			mean[i] /= Symmetry.COUNT;
		return mean;
	}

	private float[] predict(final InferenceNetwork network, final float[][] channels, final int width,
		final int height, final boolean normalise, final ProgressListener progress)
	{
		final int multiple = model.metadata().network().sizeMultiple();
		final TileLayout ly = new TileLayout(height, tileSize, overlap, multiple);
		final TileLayout lx = new TileLayout(width, tileSize, overlap, multiple);
		final int classes = model.metadata().network().classes();
		final float[] sum = new float[classes * width * height];
		// the largest weighted sum is the largest mean: without normalising, the weights' sums are not needed
		final float[] weightSum = normalise ? new float[width * height] : null;
		final int tiles = ly.starts.length * lx.starts.length;
		final int tileArea = ly.tile * lx.tile;
		final int inputs = channels.length;
		final float[] batch = new float[batchSize * inputs * tileArea];
		final float[] probabilities = new float[batchSize * classes * tileArea]; // reused batch after batch
		final int[][] origins = new int[batchSize][];
		int filled = 0;
		int done = 0;
		for (final int y0 : ly.starts) {
			for (final int x0 : lx.starts) {
				for (int c = 0; c < inputs; c++)
					copyTile(channels[c], width, ly, lx, y0, x0, batch, (filled * inputs + c) * tileArea);
				origins[filled++] = new int[] { y0, x0 };
				if (filled == batchSize || done + filled == tiles) {
					progress.checkCancelled();
					predictBatch(network, batch, filled, inputs, ly, lx, origins, classes, width, height, sum,
						weightSum, probabilities);
					done += filled;
					filled = 0;
					progress.update("Tile " + done + "/" + tiles, done, tiles);
				}
			}
		}
		if (!normalise) return sum;
		final int n = width * height;
		IntStream.range(0, classes).parallel().forEach(c -> {
			for (int i = 0; i < n; i++)
				sum[c * n + i] /= weightSum[i];
		});
		return sum;
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
		// every pixel's weights are positive: the largest weighted sum is the largest mean
		return argmax(probabilities(network, channels, width, height, false, progress), model.metadata().network()
			.classes());
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

	private static void copyTile(final float[] pixels, final int width, final TileLayout ly, final TileLayout lx,
		final int y0, final int x0, final float[] batch, final int offset)
	{
		final int[] columns = new int[lx.tile];
		for (int x = 0; x < lx.tile; x++)
			columns[x] = lx.source(x0 + x);
		final int inside = x0 - lx.margin;
		final boolean contiguous = inside >= 0 && inside + lx.tile <= width;
		for (int y = 0; y < ly.tile; y++) {
			final int row = ly.source(y0 + y) * width;
			final int dst = offset + y * lx.tile;
			if (contiguous) System.arraycopy(pixels, row + inside, batch, dst, lx.tile);
			else for (int x = 0; x < lx.tile; x++)
				batch[dst + x] = pixels[row + columns[x]];
		}
	}

	/**
	 * Predicts {@code count} tiles of {@code batch} and adds their weighted probabilities to {@code sum} and
	 * their weights to {@code weightSum} (where not null).
	 *
	 * @param probabilities room for a full batch's probabilities (N, K, tile, tile), overwritten
	 */
	private void predictBatch(final InferenceNetwork network, final float[] batch, final int count,
		final int inputs, final TileLayout ly, final TileLayout lx, final int[][] origins, final int classes,
		final int width, final int height, final float[] sum, final float[] weightSum, final float[] probabilities)
	{
		final int tileArea = ly.tile * lx.tile;
		try (NDManager manager = model.djlModel().getNDManager().newSubManager()) {
			final float[] input = count * inputs * tileArea == batch.length ? batch : java.util.Arrays.copyOf(batch,
				count * inputs * tileArea);
			final NDArray x = manager.create(input, new Shape(count, inputs, ly.tile, lx.tile));
			Tensors.copyInto(probabilities, network.logits(x).softmax(1));
		}
		final float[] wx = new float[lx.tile];
		for (int i = 0; i < lx.tile; i++)
			wx[i] = (float) lx.weight(i);
		final int n = width * height;
		for (int t = 0; t < count; t++) {
			final int tile = t;
			final int y0 = origins[t][0] - ly.margin;
			final int x0 = origins[t][1] - lx.margin;
			final int xFrom = Math.max(0, -x0);
			final int xTo = Math.min(lx.tile, width - x0);
			// rows of one tile touch disjoint pixels: blend them in parallel
			IntStream.range(Math.max(0, -y0), Math.min(ly.tile, height - y0)).parallel().forEach(y -> {
				final float wy = (float) ly.weight(y);
				final int row = (y0 + y) * width + x0;
				final float[] w = new float[lx.tile];
				for (int x = xFrom; x < xTo; x++)
					w[x] = wy * wx[x];
				if (weightSum != null) for (int x = xFrom; x < xTo; x++)
					weightSum[row + x] += w[x];
				for (int c = 0; c < classes; c++) {
					final int source = (tile * classes + c) * tileArea + y * lx.tile;
					final int target = c * n + row;
					for (int x = xFrom; x < xTo; x++)
						sum[target + x] += w[x] * probabilities[source + x];
				}
			});
		}
	}
}
