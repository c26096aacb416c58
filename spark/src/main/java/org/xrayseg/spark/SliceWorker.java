package org.xrayseg.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import net.imglib2.img.Img;
import net.imglib2.type.numeric.RealType;

import org.xrayseg.command.CommandRunner;
import org.xrayseg.core.error.CancelledException;
import org.xrayseg.core.error.SegmentationException;
import org.xrayseg.core.infer.GreyShift;
import org.xrayseg.core.infer.SliceQuality;
import org.xrayseg.core.infer.VolumeSegmenter;
import org.xrayseg.core.io.SliceSource;
import org.xrayseg.core.io.SliceSources;
import org.xrayseg.core.io.TiffSliceSink;
import org.xrayseg.core.io.VoxelSize;
import org.xrayseg.core.model.SegmentationModel;
import org.xrayseg.core.progress.ProgressListener;
import org.xrayseg.core.runtime.CoreShare;

/**
 * Runs one task on an executor: segments its slices one by one with the
 * executor's model, exactly as "segment" does, and writes each label slice
 * atomically (a temporary sibling renamed onto its name) into the volume's
 * partial folder. Slices already there (written by a lost attempt of this
 * task, a speculative copy or an earlier run) are not segmented again. A slice
 * that is bad in itself (unreadable, truncated, too small, NaN pixels) is
 * reported in the result and the task goes on with the others; any other
 * failure fails the task, and Spark runs it again.
 */
final class SliceWorker {

	/** Test-only system property: the label slice whose task fails, after the slices before it, on its first attempt. */
	static final String FAIL_ONCE = "xrayseg.spark.test.fail-first-attempt-at";

	private SliceWorker() {}

	/**
	 * @param cores the cores of this task (PyTorch's threads)
	 * @param attempt Spark's attempt number of this task, 0 for the first
	 */
	static TaskResult run(final SliceTask task, final JobSettings settings, final int cores, final int attempt) {
		CoreShare.limitThisThread(cores); // within the task's cores, fewer where other programs take some
		final SegmentationModel model = ExecutorModel.get(settings.model().toPath(), settings.device(), cores);
		final VolumeSegmenter segmenter = new VolumeSegmenter(model, settings.tileSize(), settings.overlap(),
			settings.tileBatch(), task.tta(), settings.precision());
		final int bitDepth = model.metadata().coding().bitDepth();
		final String phases = model.metadata().coding().legend();
		final Path output = Path.of(task.output());
		final Path partial = PartialOutput.of(output);
		final List<String> failures = new ArrayList<>();
		int segmented = 0;
		int reused = 0;
		final long start = System.nanoTime();
		try (SliceSource source = SliceSources.open(Path.of(task.input()), task.dataset(), null);
			VolumeSegmenter.Part part = open(segmenter, source, task))
		{
			for (int k = 0; k < task.indices().length; k++) {
				final String name = task.names()[k];
				if (attempt == 0 && name.equals(System.getProperty(FAIL_ONCE))) throw new IllegalStateException(
					"fault injected for a test before " + name);
				if (PartialOutput.isDone(output, name)) {
					reused++;
					continue;
				}
				final Img<? extends RealType<?>> labels = segment(part, source, task.indices()[k], failures, settings
					.quality() ? (q, unlike) -> QualitySidecar.write(output, name, q, unlike) : null, model);
				if (labels == null) continue;
				// the driver has already committed the volume: a late speculative copy writes nothing
				if (!Files.isDirectory(partial)) break;
				write(partial.resolve(name), labels, bitDepth, source.voxelSize(), phases);
				segmented++;
			}
		}
		return new TaskResult(task.volume(), segmented, reused, failures, (System.nanoTime() - start) / 1e9);
	}

	/** @return the volume opened for segmenting the task's slices, normalised and with context as "segment" does */
	private static VolumeSegmenter.Part open(final VolumeSegmenter segmenter, final SliceSource source,
		final SliceTask task)
	{
		if (source.size() != task.volumeSize()) throw new SegmentationException(task.input() + " now holds " + source
			.size() + " slices, but " + task.volumeSize() + " when the job started: was it changed while the job ran?");
		return segmenter.open(source, ProgressListener.NONE);
	}

	/** Receives a slice's quality estimate and whether its grey values are unlike the training images'. */
	private interface QualitySink {

		void accept(SliceQuality quality, boolean unlike);
	}

	/**
	 * @param quality receives the slice's quality estimate (then the probabilities are computed), or null
	 * @return the label slice, or null after adding a line to {@code failures} if the slice is bad in itself
	 */
	private static Img<? extends RealType<?>> segment(final VolumeSegmenter.Part part, final SliceSource source,
		final int index, final List<String> failures, final QualitySink quality, final SegmentationModel model)
	{
		try {
			source.slice(index); // a slice that cannot be read is the slice's fault, not the task's
		}
		catch (final SegmentationException e) {
			failures.add(describe(source, index, e));
			return null;
		}
		catch (final RuntimeException e) { // a damaged file fails the same way on any node
			final String m = CommandRunner.describe(e);
			failures.add(source.describe(index) + " cannot be read (" + (m.equals(rootType(e)) ? m : rootType(e) + ": " +
				m) + "): is the file damaged or cut short?");
			return null;
		}
		try {
			if (quality == null) return part.segment(index, ProgressListener.NONE);
			final VolumeSegmenter.Prediction p = part.predict(index, ProgressListener.NONE);
			quality.accept(p.quality().get(), GreyShift.unlike(model, p.grey()));
			return model.metadata().coding().toCodes(p.classes(), p.width(), p.height());
		}
		catch (final CancelledException e) {
			throw e;
		}
		catch (final SegmentationException e) { // too small, NaN pixels, ...: the slice's own fault
			failures.add(describe(source, index, e));
			return null;
		}
	}

	private static String rootType(final Throwable e) {
		Throwable t = e;
		while (t.getCause() != null && t.getCause() != t)
			t = t.getCause();
		return t.getClass().getSimpleName();
	}

	private static String describe(final SliceSource source, final int index, final SegmentationException e) {
		final String what = source.describe(index);
		final String message = e.getMessage();
		return message.contains(what) ? message : what + ": " + message;
	}

	/** Writes one label slice as Segment on the command line does: calibrated, with the phases' legend. */
	private static void write(final Path file, final Img<? extends RealType<?>> labels, final int bitDepth,
		final VoxelSize voxelSize, final String phases)
	{
		try (TiffSliceSink sink = new TiffSliceSink(file, bitDepth, true, voxelSize, phases)) {
			sink.write(labels, null);
			sink.commit();
		}
	}
}
