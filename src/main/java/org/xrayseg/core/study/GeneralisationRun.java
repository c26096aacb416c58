package org.xrayseg.core.study;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.xrayseg.core.data.TrainingData;
import org.xrayseg.core.error.InvalidInputException;
import org.xrayseg.core.io.SliceInput;
import org.xrayseg.core.io.SliceRange;
import org.xrayseg.core.io.SliceSource;
import org.xrayseg.core.metrics.ModelScorer;
import org.xrayseg.core.model.ModelFile;
import org.xrayseg.core.model.SegmentationModel;
import org.xrayseg.core.progress.ProgressListener;
import org.xrayseg.core.runtime.DjlRuntime;
import org.xrayseg.core.train.NetworkType;
import org.xrayseg.core.train.TrainingOptions;

/**
 * Whether a model trained on one part of a volume holds on another: trains on
 * one slab (its last part validating), then scores every following slab of the
 * same size, at growing distance from the training slab; or, given another
 * volume, scores that one too. The trained model is kept in the output folder
 * (model.xrsm), so that a resumed study does not train again.
 */
public final class GeneralisationRun {

	private final SliceInput images;
	private final SliceInput labels;
	private final int trainFirst;
	private final int trainLast;
	private final int slab;
	private final SliceInput otherImages;
	private final SliceInput otherLabels;
	private final NetworkType type;
	private final TrainingOptions options;

	/**
	 * @param trainFirst first training slice, 1-based
	 * @param trainLast last training slice, 1-based, inclusive
	 * @param slab slices per test slab
	 * @param otherImages another volume to score, or not given
	 */
	public GeneralisationRun(final SliceInput images, final SliceInput labels, final int trainFirst,
		final int trainLast, final int slab, final SliceInput otherImages, final SliceInput otherLabels,
		final NetworkType type, final TrainingOptions options)
	{
		this.images = images;
		this.labels = labels;
		this.trainFirst = trainFirst;
		this.trainLast = trainLast;
		this.slab = slab;
		this.otherImages = otherImages;
		this.otherLabels = otherLabels;
		this.type = type;
		this.options = options;
	}

	public StudyReport run(final File output, final boolean resume, final boolean overwrite,
		final ProgressListener progress)
	{
		options.validate();
		if (slab < 1) throw new InvalidInputException("slab must be at least 1, not " + slab);
		final Path out = Studies.outputFolder(output, images, labels, otherImages, otherLabels);
		final StudySteps steps = new StudySteps(out, resume, overwrite);
		final List<Map<String, String>> names = new ArrayList<>();
		final List<Map<String, Double>> rows = new ArrayList<>();
		try (SliceSource im = images.open(); SliceSource lb = labels.open()) {
			if (trainFirst < 1 || trainLast > im.size() || trainFirst > trainLast) throw new InvalidInputException(
				"The training slab " + trainFirst + "-" + trainLast + " is not within the " + im.size() + " slices");
			final Path modelFile = out.resolve("model.xrsm");
			try (SegmentationModel model = trainedModel(im, lb, modelFile, resume, progress.slice(0, 1, 2))) {
				final ProgressListener scoring = progress.slice(1, 1, 2);
				for (int first = trainLast; first + slab <= im.size(); first += slab) {
					final String name = "slab-" + (first + 1) + "-" + (first + slab);
					Map<String, Double> row = steps.done(name);
					if (row == null) {
						progress.message("Generalisation: scoring slices " + (first + 1) + "-" + (first + slab));
						row = new LinkedHashMap<>();
						row.put("first slice", (double) first + 1);
						row.put("distance", (first + 1 + first + slab) / 2.0 - (trainFirst + trainLast) / 2.0);
						row.putAll(StudyReport.scores(ModelScorer.onSlices(model, new SliceRange(im, first, first + slab),
							new SliceRange(lb, first, first + slab), scoring.quiet(), null)));
						steps.save(name, row);
					}
					names.add(Map.of("test", name));
					rows.add(row);
				}
				if (otherImages.isGiven()) {
					Map<String, Double> row = steps.done("other-volume");
					if (row == null) {
						try (SliceSource oi = otherImages.open(); SliceSource ol = otherLabels.open()) {
							row = new LinkedHashMap<>();
							row.put("first slice", Double.NaN);
							row.put("distance", Double.NaN);
							row.putAll(StudyReport.scores(ModelScorer.onSlices(model, oi, ol, scoring.quiet(), null)));
						}
						steps.save("other-volume", row);
					}
					names.add(Map.of("test", "other volume"));
					rows.add(row);
				}
				if (rows.isEmpty()) throw new InvalidInputException("No slab of " + slab + " slices follows the training slab " +
					trainFirst + "-" + trainLast + ": use a smaller slab or an earlier training slab");
				final StudyReport report = StudyReport.of("Generalisation across slabs (" + type.label() + ")", names, rows,
					"distance", "distance from the training slab centre to the test slab centre (slices)", null, model
						.metadata().labelCodes());
				report.write(out, "generalisation");
				return report;
			}
		}
	}

	private SegmentationModel trainedModel(final SliceSource im, final SliceSource lb, final Path modelFile,
		final boolean resume, final ProgressListener progress)
	{
		if (resume && Files.isRegularFile(modelFile)) {
			progress.message("Generalisation: using the model trained before, " + modelFile);
			return ModelFile.load(modelFile, DjlRuntime.device(options.device()));
		}
		final TrainingData data = TrainingData.prepare(new SliceRange(im, trainFirst - 1, trainLast),
			new SliceRange(lb, trainFirst - 1, trainLast), null, null, options.dataSettings(null), progress);
		final SegmentationModel model = type.train(data, options, progress);
		ModelFile.save(model, modelFile, true);
		return model;
	}
}
