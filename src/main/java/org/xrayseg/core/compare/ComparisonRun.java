package org.xrayseg.core.compare;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import org.xrayseg.core.baseline.GlobalThresholds;
import org.xrayseg.core.data.LabelCoding;
import org.xrayseg.core.data.Normalization;
import org.xrayseg.core.data.SlicePairs;
import org.xrayseg.core.data.TrainingData;
import org.xrayseg.core.data.TrainingInputs;
import org.xrayseg.core.error.InvalidInputException;
import org.xrayseg.core.io.AtomicOutput;
import org.xrayseg.core.io.FileSliceSource;
import org.xrayseg.core.io.SliceInput;
import org.xrayseg.core.io.SliceSource;
import org.xrayseg.core.io.TiffSliceSink;
import org.xrayseg.core.metrics.ConfusionMatrix;
import org.xrayseg.core.metrics.ModelScorer;
import org.xrayseg.core.metrics.SegmentationScores;
import org.xrayseg.core.model.ModelFile;
import org.xrayseg.core.model.SegmentationModel;
import org.xrayseg.core.progress.ProgressListener;
import org.xrayseg.core.report.ResultTable;
import org.xrayseg.core.runtime.DjlRuntime;
import org.xrayseg.core.train.Pix2PixOptions;
import org.xrayseg.core.train.Pix2PixTrainer;
import org.xrayseg.core.train.TrainingOptions;
import org.xrayseg.core.train.UNetTrainer;

/**
 * Compares segmentation methods on one split: multi-level
 * Otsu, thresholds fitted on the training labels, a U-Net and Pix2Pix, all
 * fitted on the same training slices and scored on the same test slices. The
 * networks are trained here, or taken from given model files. Writes the
 * models, the label stacks of every method and the table into one folder.
 */
public final class ComparisonRun {

	private final TrainingInputs training;
	private final File testImages;
	private final File testLabels;
	private final TrainingOptions options;
	private final File unetModel;
	private final File pix2pixModel;

	/**
	 * @param unetModel an existing U-Net model to score, or null to train one with {@code options}
	 * @param pix2pixModel an existing Pix2Pix model to score, or null to train one
	 */
	public ComparisonRun(final TrainingInputs training, final File testImages, final File testLabels,
		final TrainingOptions options, final File unetModel, final File pix2pixModel)
	{
		this.training = training;
		this.testImages = testImages;
		this.testLabels = testLabels;
		this.options = options;
		this.unetModel = unetModel;
		this.pix2pixModel = pix2pixModel;
	}

	/** Runs all methods; returns the table, also written to {@code output}/comparison.csv. */
	public ResultTable run(final File output, final boolean overwrite, final ProgressListener progress) {
		if (output == null) throw new InvalidInputException("No output folder given (output=FOLDER)");
		if (testImages == null || testLabels == null) throw new InvalidInputException(
			"Give test_images and test_labels: the slices every method is scored on");
		options.validate();
		SliceInput.requireNotInput(output.toPath(), training.all());
		for (final File in : new File[] { testImages, testLabels, unetModel, pix2pixModel })
			if (in != null) AtomicOutput.requireNotInput(output.toPath(), in.toPath());
		try (AtomicOutput folder = AtomicOutput.folder(output.toPath(), overwrite);
			SliceSource im = training.images().open();
			SliceSource lb = training.labels().open();
			SliceSource vi = training.validationImages().openIfGiven();
			SliceSource vl = training.validationLabels().openIfGiven();
			FileSliceSource testIm = FileSliceSource.open(testImages.toPath());
			FileSliceSource testLb = FileSliceSource.open(testLabels.toPath()))
		{
			SlicePairs.check(testIm, testLb);
			final TrainingData data = TrainingData.prepare(im, lb, vi, vl, options.dataSettings(null),
				progress);
			final Path dir = folder.temporary();
			final List<MethodResult> results = new ArrayList<>();
			final int k = data.coding().classes();
			results.add(thresholds("Otsu (multi-level)", () -> GlobalThresholds.otsu(data.training(), k), data, testIm,
				testLb, dir.resolve("otsu-labels.tif")));
			results.add(thresholds("Thresholds fitted on labels", () -> GlobalThresholds.fitToLabels(data.training(),
				k), data, testIm, testLb, dir.resolve("thresholds-labels.tif")));
			progress.message(ComparisonTable.of(results).toText());
			results.add(network("U-Net", unetModel, () -> UNetTrainer.train(data, options, progress.slice(0, 1, 2)),
				data.coding(), testIm, testLb, dir, "unet", progress));
			results.add(network("Pix2Pix", pix2pixModel, () -> Pix2PixTrainer.train(data, Pix2PixOptions.defaults(options), progress.slice(1, 1, 2)), data.coding(), testIm, testLb, dir, "pix2pix", progress));
			final ResultTable table = ComparisonTable.of(results);
			table.writeCsv(dir.resolve("comparison.csv"), false);
			folder.commit();
			return table;
		}
	}

	private MethodResult thresholds(final String name, final Supplier<GlobalThresholds> fit,
		final TrainingData data, final SliceSource images, final SliceSource labels, final Path out)
	{
		final long t0 = System.nanoTime();
		final GlobalThresholds t = fit.get();
		final double fitSeconds = (System.nanoTime() - t0) / 1e9;
		final SegmentationScores e = new SegmentationScores(data.coding());
		final long t1 = System.nanoTime();
		final Normalization.SourceMapping normalised = data.normalization().forSource(images.whole(),
			ProgressListener.NONE);
		try (TiffSliceSink sink = new TiffSliceSink(out, data.coding().bitDepth(), false)) {
			for (int i = 0; i < images.size(); i++) {
				final long[] d = images.dimensions(i);
				final byte[] classes = t.classify(normalised.apply(images.indexInWhole(i)));
				e.add(images.describe(i), ConfusionMatrix.of(data.coding().toClasses(labels.slice(i), labels.describe(i)),
					classes, e.coding().classes()));
				sink.write(data.coding().toCodes(classes, (int) d[0], (int) d[1]), null);
			}
			sink.commit();
		}
		return new MethodResult(name, e, fitSeconds, (System.nanoTime() - t1) / 1e9 / images.size());
	}

	private MethodResult network(final String name, final File given, final Supplier<SegmentationModel> train,
		final LabelCoding coding, final SliceSource images, final SliceSource labels, final Path dir,
		final String file, final ProgressListener progress)
	{
		try (SegmentationModel model = given != null ? ModelFile.load(given.toPath(), DjlRuntime.device(options
			.device())) : train.get())
		{
			if (!model.metadata().coding().equals(coding)) throw new InvalidInputException(given + " knows the labels " +
				model.metadata().coding().describeCodes() + " but the data has " + coding.describeCodes());
			if (given == null) ModelFile.save(model, dir.resolve(file + ModelFile.EXTENSION), false);
			final long t0 = System.nanoTime();
			final SegmentationScores e;
			try (TiffSliceSink sink = new TiffSliceSink(dir.resolve(file + "-labels.tif"), coding.bitDepth(), false)) {
				e = ModelScorer.onSlices(model, images, labels, progress.quiet(), (i, predicted) -> sink.write(predicted,
					null));
				sink.commit();
			}
			final double perSlice = (System.nanoTime() - t0) / 1e9 / images.size();
			progress.message(String.format(Locale.ROOT, "%s: mean test Dice %.4f", name, e.meanDiceOverClasses()));
			return new MethodResult(name, e, model.metadata().training().seconds(), perSlice);
		}
	}
}
