package org.xrayseg.core.infer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

import net.imglib2.img.Img;
import net.imglib2.img.basictypeaccess.array.ByteArray;
import net.imglib2.img.basictypeaccess.array.ShortArray;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.img.planar.PlanarImgs;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.integer.UnsignedShortType;

import org.xrayseg.core.convert.Pixels;
import org.xrayseg.core.error.InvalidInputException;
import org.xrayseg.core.io.AtomicOutput;
import org.xrayseg.core.io.SliceSource;
import org.xrayseg.core.io.TiffSliceSink;
import org.xrayseg.core.model.InferenceNetwork;
import org.xrayseg.core.model.SegmentationModel;
import org.xrayseg.core.progress.ProgressListener;
import org.xrayseg.core.runtime.CoreShare;
import org.xrayseg.core.runtime.DjlRuntime;

/**
 * Segments a volume slice by slice: each slice is read, normalised as in
 * training, predicted tile by tile and handed on in the label coding of the
 * training labels before the next one is read, so memory grows with one slice.
 */
public final class VolumeSegmenter {

	/** Receives each segmented slice, in order. */
	public interface SliceConsumer {

		/** @param labels a new 2D image of label codes (an ArrayImg this consumer may keep) */
		void accept(int index, Img<? extends RealType<?>> labels);
	}

	/**
	 * One slice predicted with its probabilities.
	 *
	 * @param classes the chosen class of every pixel, row-major (H, W)
	 * @param probabilities the calibrated class probabilities, row-major (K, H, W)
	 * @param grey the slice's normalised grey values, row-major (H, W): the network's own input
	 * @param quality computes its quality estimate ({@link QualityEstimate}; may run the network again, so only
	 *          before the next slice is predicted)
	 */
	public record Prediction(byte[] classes, float[] probabilities, float[] grey, int width, int height,
		java.util.function.Supplier<SliceQuality> quality)
	{}

	/** Receives each predicted slice with its probabilities, in order. */
	public interface PredictionConsumer {

		void accept(int index, Prediction prediction);
	}

	private final SegmentationModel model;
	private final int tileSize;
	private final int overlap;
	private final int tileBatch;
	private final boolean tta;
	private final Precision precision;
	private final LongAdder networkNanos = new LongAdder();

	/**
	 * @param tileSize largest tile side (0: whole slices), see {@link TiledPredictor}
	 * @param tta average the predictions of the 8 symmetries of the square (8 times the work)
	 * @param precision float32 or bfloat16 (see {@link InferenceTuner#choose})
	 */
	public VolumeSegmenter(final SegmentationModel model, final int tileSize, final int overlap, final int tileBatch,
		final boolean tta, final Precision precision)
	{
		this.model = model;
		this.precision = precision;
		this.tileSize = tileSize;
		this.overlap = overlap;
		this.tileBatch = tileBatch;
		this.tta = tta;
	}

	/**
	 * Segments every slice of {@code input} and passes the label slices to
	 * {@code output}. A network that sees context gets the neighbouring slices
	 * too (clamped at the ends of the volume), read once each as the window
	 * moves on. Where {@code input} is a part of a volume ({@code slices=}), the
	 * neighbours and the volume's normalisation come from the whole volume
	 * ({@link SliceSource#whole()}), so a part's labels are those of the same
	 * slices of the whole.
	 */
	public void run(final SliceSource input, final ProgressListener progress, final SliceConsumer output) {
		forEachSlice(input, progress, (part, i, p) -> output.accept(i, part.segment(input.indexInWhole(i), p)));
	}

	/** As {@link #run}, handing on each slice's probabilities too (the calibrated ones, see {@link Part#predict}). */
	public void runPredictions(final SliceSource input, final ProgressListener progress,
		final PredictionConsumer output)
	{
		forEachSlice(input, progress, (part, i, p) -> output.accept(i, part.predict(input.indexInWhole(i), p)));
	}

	/** One slice's work in {@link #forEachSlice}: slice {@code i} of the input, with its share of the progress. */
	private interface SliceStep {

		void run(Part part, int i, ProgressListener progress);
	}

	/** Opens the whole volume once and does {@code step} for every slice of {@code input}, in order. */
	private void forEachSlice(final SliceSource input, final ProgressListener progress, final SliceStep step) {
		try (Part part = open(input.whole(), progress)) {
			if (input.size() > 0) InputCheck.warnIfUnlikeTraining(input, model.metadata().normalization(), progress);
			for (int i = 0; i < input.size(); i++) {
				progress.checkCancelled();
				step.run(part, i, progress.slice(i, 1, input.size()));
				progress.update("Segmented " + input.describe(i) + CoreShare.current().aside(), i + 1, input.size());
			}
		}
	}

	/**
	 * @return seconds the network ran in the volumes (and parts) segmented and closed so far: the rest of their time
	 *         is reading, normalising, tiling, labelling and writing
	 */
	public double networkSeconds() {
		return networkNanos.sum() / 1e9;
	}

	/**
	 * Opens {@code input} for segmenting some of its slices, in increasing
	 * order (one task of a cluster job, say): each slice is normalised as the
	 * whole volume is and sees its neighbours in the volume, so its labels are
	 * those {@link #run} gives.
	 */
	public Part open(final SliceSource input, final ProgressListener progress) {
		DjlRuntime.inferenceOnThisThread();
		CoreShare.start();
		return new Part(input, progress);
	}

	/** A volume opened for segmenting; holds the inference network until closed. */
	public final class Part implements AutoCloseable {

		private final SliceSource input;
		private final TiledPredictor predictor;
		private final SliceWindow window;
		private final InferenceNetwork network;

		private Part(final SliceSource input, final ProgressListener progress) {
			this.input = input;
			predictor = new TiledPredictor(model, tileSize, overlap, tileBatch, tta, precision);
			window = new SliceWindow(input, model.metadata().normalization().forSource(input, progress), model
				.metadata().network().contextSlices());
			network = predictor.network();
		}

		/**
		 * @param i a slice after those segmented before
		 * @return its labels in the coding of the training labels
		 * @throws InvalidInputException if the slice is smaller than the network's minimum
		 */
		public Img<? extends RealType<?>> segment(final int i, final ProgressListener progress) {
			CoreShare.adjust();
			final long[] d = checkedSize(i);
			final int w = (int) d[0];
			final int h = (int) d[1];
			final byte[] classes = predictor.classes(network, window.channels(i), w, h, progress);
			return model.metadata().coding().toCodes(classes, w, h);
		}

		/**
		 * @param i a slice after those segmented before
		 * @return its classes and class probabilities, the latter calibrated by the model's temperature
		 */
		public Prediction predict(final int i, final ProgressListener progress) {
			CoreShare.adjust();
			final long[] d = checkedSize(i);
			final int w = (int) d[0];
			final int h = (int) d[1];
			final int k = model.metadata().network().classes();
			final float[][] channels = window.channels(i);
			final float[] p = calibrated(channels, w, h, progress);
			final byte[] classes = TiledPredictor.argmax(p, k);
			return new Prediction(classes, p, channels[channels.length / 2], w, h, () -> QualityEstimate.of(model,
				channels, w, h, p, classes, c -> calibrated(c, w, h, progress.quiet())));
		}

		private float[] calibrated(final float[][] channels, final int w, final int h,
			final ProgressListener progress)
		{
			final float[] p = predictor.probabilities(network, channels, w, h, progress);
			model.metadata().probabilityCalibration().apply(p, model.metadata().network().classes());
			return p;
		}

		private long[] checkedSize(final int i) {
			final int minimum = model.metadata().network().sizeMultiple();
			final long[] d = input.dimensions(i);
			if (d[0] < minimum || d[1] < minimum) throw new InvalidInputException(input.describe(i) + " is " + d[0] +
				"x" + d[1] + ", smaller than the network's minimum of " + minimum + "x" + minimum + " pixels");
			return d;
		}

		@Override
		public void close() {
			network.close();
			networkNanos.add(Math.round(predictor.networkSeconds() * 1e9));
		}
	}

	/**
	 * Segments {@code input} into TIFF files: a stack if {@code output} ends in
	 * .tif/.tiff, else a folder (file names follow the input folder's). The
	 * output appears only when complete.
	 */
	public void toFiles(final SliceSource input, final Path output, final boolean overwrite,
		final ProgressListener progress)
	{
		toFiles(input, output, overwrite, progress, null);
	}

	/**
	 * As {@link #toFiles(SliceSource, Path, boolean, ProgressListener)}, with the
	 * probabilities, confidence and quality estimate {@code extra} writes (null: none).
	 */
	public void toFiles(final SliceSource input, final Path output, final boolean overwrite,
		final ProgressListener progress, final PredictionWriter extra)
	{
		if (input.path() != null) AtomicOutput.requireNotInput(output, input.path());
		try (TiffSliceSink sink = new TiffSliceSink(output, model.metadata().coding().bitDepth(), overwrite, input
			.voxelSize(), model.metadata().coding().legend()))
		{
			each(input, progress, extra, (i, labels) -> sink.write(labels, input.fileName(i)));
			sink.commit();
		}
	}

	/** Runs {@link #run}, or {@link #runPredictions} where {@code extra} wants the probabilities too. */
	private void each(final SliceSource input, final ProgressListener progress, final PredictionWriter extra,
		final SliceConsumer labels)
	{
		if (extra == null) run(input, progress, labels);
		else runPredictions(input, progress, (i, p) -> {
			labels.accept(i, model.metadata().coding().toCodes(p.classes(), p.width(), p.height()));
			extra.accept(i, p);
		});
	}

	/**
	 * Segments {@code input} into a new image in memory: 2D for one slice, else
	 * 3D (x, y, z) with one Java array per slice (a {@link PlanarImg}), so that
	 * ImageJ can show it without copying.
	 */
	public Img<? extends RealType<?>> toImage(final SliceSource input, final ProgressListener progress) {
		return toImage(input, progress, null);
	}

	/** As {@link #toImage(SliceSource, ProgressListener)}, with what {@code extra} writes (null: nothing). */
	public Img<? extends RealType<?>> toImage(final SliceSource input, final ProgressListener progress,
		final PredictionWriter extra)
	{
		final long[] first = input.dimensions(0);
		for (int i = 1; i < input.size(); i++) {
			final long[] d = input.dimensions(i);
			if (d[0] != first[0] || d[1] != first[1]) throw new InvalidInputException(input.describe(i) +
				" differs in size from the first slice: give an output folder instead");
		}
		final List<Img<? extends RealType<?>>> slices = new ArrayList<>();
		each(input, progress, extra, (i, labels) -> slices.add(labels));
		if (slices.size() == 1) return slices.get(0);
		final int w = (int) first[0];
		final int h = (int) first[1];
		if (model.metadata().coding().bitDepth() == 8) {
			final PlanarImg<UnsignedByteType, ByteArray> stack = PlanarImgs.unsignedBytes(w, h, slices.size());
			for (int z = 0; z < slices.size(); z++)
				stack.setPlane(z, new ByteArray((byte[]) Pixels.storage(slices.get(z))));
			return stack;
		}
		final PlanarImg<UnsignedShortType, ShortArray> stack = PlanarImgs.unsignedShorts(w, h, slices.size());
		for (int z = 0; z < slices.size(); z++)
			stack.setPlane(z, new ShortArray((short[]) Pixels.storage(slices.get(z))));
		return stack;
	}
}
