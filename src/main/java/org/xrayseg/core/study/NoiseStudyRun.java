package org.xrayseg.core.study;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.xrayseg.core.error.InvalidInputException;
import org.xrayseg.core.io.AtomicOutput;
import org.xrayseg.core.io.SliceInput;
import org.xrayseg.core.io.SliceSource;
import org.xrayseg.core.metrics.ModelScorer;
import org.xrayseg.core.model.ModelFile;
import org.xrayseg.core.model.SegmentationModel;
import org.xrayseg.core.progress.ProgressListener;
import org.xrayseg.core.runtime.DjlRuntime;

/**
 * How robust trained models are to noise: scores each model on the test
 * slices with Gaussian and Poisson noise added at several levels (see
 * {@link NoisySlices}); level 0 is the clean result.
 */
public final class NoiseStudyRun {

	private final List<File> models;
	private final SliceInput testImages;
	private final SliceInput testLabels;
	private final double[] levels;
	private final long seed;
	private final String device;

	/** @param models one or more model files, e.g. one trained without and one with noise augmentation */
	public NoiseStudyRun(final List<File> models, final SliceInput testImages, final SliceInput testLabels,
		final double[] levels, final long seed, final String device)
	{
		this.models = models;
		this.testImages = testImages;
		this.testLabels = testLabels;
		this.levels = levels;
		this.seed = seed;
		this.device = device;
	}

	public StudyReport run(final File output, final boolean resume, final boolean overwrite,
		final ProgressListener progress)
	{
		final Path out = Studies.outputFolder(output, testImages, testLabels);
		for (final File m : models)
			AtomicOutput.requireNotInput(out, m.toPath());
		for (final double level : levels)
			if (!(level >= 0) || level > 10) throw new InvalidInputException("noise levels must lie in 0..10, not " +
				level);
		final StudySteps steps = new StudySteps(out, resume, overwrite);
		final List<Map<String, String>> labels = new ArrayList<>();
		final List<Map<String, Double>> rows = new ArrayList<>();
		int[] codes = null;
		final int total = models.size() * NoisySlices.Noise.values().length * levels.length;
		int done = 0;
		try (SliceSource images = testImages.open(); SliceSource truth = testLabels.open()) {
			for (int m = 0; m < models.size(); m++) {
				final File file = models.get(m);
				try (SegmentationModel model = ModelFile.load(file.toPath(), DjlRuntime.device(device))) {
					codes = model.metadata().labelCodes();
					final double range = model.metadata().normalizationHigh() - model.metadata().normalizationLow();
					for (final NoisySlices.Noise noise : NoisySlices.Noise.values()) {
						for (final double level : levels) {
							final String name = String.format(Locale.ROOT, "model%d-%s-%s", m + 1, noise.key(), level);
							Map<String, Double> row = steps.done(name);
							if (row == null) {
								progress.message("Noise study: " + file.getName() + ", " + noise.key() + " noise " + level);
								row = new LinkedHashMap<>();
								row.put("level", level);
								row.putAll(StudyReport.scores(ModelScorer.onSlices(model, new NoisySlices(images, noise, level,
									range, seed), truth, progress.slice(done, 1, total), null)));
								steps.save(name, row);
							}
							final Map<String, String> label = new LinkedHashMap<>();
							label.put("model", file.getName());
							label.put("noise", noise.key());
							label.put("line", file.getName() + ", " + noise.key());
							labels.add(label);
							rows.add(row);
							done++;
						}
					}
				}
			}
		}
		final StudyReport report = StudyReport.of("Noise robustness", labels, rows, "level",
			"noise level (Gaussian: std / grey range; Poisson: relative std at the mean grey value)", "line", codes);
		report.write(out, "noise-study");
		return report;
	}
}
