package org.xrayseg.core.study;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.xrayseg.core.data.LabelledSlices;
import org.xrayseg.core.data.TrainingData;
import org.xrayseg.core.data.TrainingInputs;
import org.xrayseg.core.error.InvalidInputException;
import org.xrayseg.core.io.SliceInput;
import org.xrayseg.core.io.SliceSource;
import org.xrayseg.core.metrics.ModelScorer;
import org.xrayseg.core.model.SegmentationModel;
import org.xrayseg.core.progress.ProgressListener;
import org.xrayseg.core.train.NetworkType;
import org.xrayseg.core.train.TrainingOptions;

/**
 * How much labelled data is needed: trains the network on 10%, 20%, ..., 100%
 * of the training slices and scores each model on the same test slices. A
 * fraction f uses round(f n) of the n training slices, evenly spaced over the
 * training range (as a user labels a few slices spread through a volume); the
 * validation slices (given, or the slab split off the end first) and the
 * label coding and normalisation are the same for every fraction.
 */
public final class LearningCurveRun {

	private final TrainingInputs training;
	private final SliceInput testImages;
	private final SliceInput testLabels;
	private final NetworkType type;
	private final TrainingOptions options;
	private final double[] fractions;

	public LearningCurveRun(final TrainingInputs training, final SliceInput testImages, final SliceInput testLabels,
		final NetworkType type, final TrainingOptions options, final double[] fractions)
	{
		this.training = training;
		this.testImages = testImages;
		this.testLabels = testLabels;
		this.type = type;
		this.options = options;
		this.fractions = fractions;
	}

	/** @return the indices of the training slices that fraction {@code f} of {@code n} uses, evenly spaced */
	public static int[] subset(final int n, final double f) {
		final int k = Math.max(1, Math.min(n, (int) Math.round(f * n)));
		final int[] indices = new int[k];
		for (int i = 0; i < k; i++)
			indices[i] = (int) Math.floor((i + 0.5) * n / k);
		return indices;
	}

	public StudyReport run(final File output, final boolean resume, final boolean overwrite,
		final ProgressListener progress)
	{
		options.validate();
		final Path out = Studies.outputFolder(output, training.all());
		SliceInput.requireNotInput(out, testImages, testLabels);
		Studies.requireDisjoint(training.images(), testImages);
		final StudySteps steps = new StudySteps(out, resume, overwrite);
		final List<Map<String, Double>> rows = new ArrayList<>();
		try (SliceSource im = training.images().open(); SliceSource lb = training.labels().open();
			SliceSource vi = training.validationImages().openIfGiven();
			SliceSource vl = training.validationLabels().openIfGiven();
			SliceSource ti = testImages.open(); SliceSource tl = testLabels.open())
		{
			final TrainingData all = TrainingData.prepare(im, lb, vi, vl, options.dataSettings(null),
				progress.slice(0, 0, 1));
			for (int i = 0; i < fractions.length; i++) {
				final double f = fractions[i];
				if (!(f > 0) || f > 1) throw new InvalidInputException("fractions must lie in (0, 1], not " + f);
				final String name = String.format(Locale.ROOT, "fraction-%03d", Math.round(f * 100));
				Map<String, Double> row = steps.done(name);
				if (row == null) {
					progress.message(String.format(Locale.ROOT, "Learning curve: training on %.0f%% of the slices", f * 100));
					row = step(all, f, ti, tl, progress.slice(i, 1, fractions.length));
					steps.save(name, row);
				}
				else progress.message("Learning curve: " + name + " done before, skipped");
				rows.add(row);
			}
			final StudyReport report = StudyReport.of("Learning curve (" + type.label() + ")", List.of(), rows,
				"fraction", "fraction of the training slices", null, all.coding().codes());
			report.write(out, "learning-curve");
			return report;
		}
	}

	private Map<String, Double> step(final TrainingData all, final double f, final SliceSource ti,
		final SliceSource tl, final ProgressListener progress)
	{
		final List<LabelledSlices.Slice> chosen = new ArrayList<>();
		for (final int index : subset(all.training().size(), f))
			chosen.add(all.training().get(index));
		final TrainingData part = all.withSlices(new LabelledSlices(chosen), all.validation());
		final long t0 = System.nanoTime();
		try (SegmentationModel model = type.train(part, options, progress)) {
			final Map<String, Double> row = new LinkedHashMap<>();
			row.put("fraction", f);
			row.put("slices", (double) chosen.size());
			row.put("training s", (System.nanoTime() - t0) / 1e9);
			row.putAll(StudyReport.scores(ModelScorer.onSlices(model, ti, tl, progress.quiet(), null)));
			return row;
		}
	}
}
