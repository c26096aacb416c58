package org.xrayseg.reliability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import net.imglib2.img.array.ArrayImgs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xrayseg.MessageLog;
import org.xrayseg.Scribbles;
import org.xrayseg.TestData;
import org.xrayseg.core.annotate.AnnotationRun;
import org.xrayseg.core.convert.Pixels;
import org.xrayseg.core.data.SyntheticVolume;
import org.xrayseg.core.io.SliceInput;
import org.xrayseg.core.model.ModelFile;
import org.xrayseg.core.model.SegmentationModel;
import org.xrayseg.core.runtime.CoreShare;
import org.xrayseg.core.train.TrainingOptions;

/**
 * With the threads fixed ({@code xrayseg.threads}), the same strokes and seed
 * give the same network and the same labels when the machine is busy: "Train
 * from Annotations" runs once on a quiet machine and once while other
 * processes keep every core busy. (Threads that follow the load change the
 * last digits of the weights: {@link BusyMachineTest}.) The training length
 * comes from a time budget (the speed of a step is measured once and kept, not
 * measured again under load), and segmenting uses the default tile size and
 * precision (fixed rules, not timings). It runs once, on the processor's own
 * instruction set (not again under AVX2 and SSE4.1, unlike the other training
 * tests): the load it makes costs time.
 */
class ReproducibilityUnderLoadTest {

	private static final int SIZE = 48;
	private static final int SLICES = 4;

	@TempDir
	Path dir;

	@Test
	void aBusyMachineTrainsAndSegmentsExactlyAsAQuietOne() {
		final String cacheProperty = "xrayseg.tuning-cache";
		final String before = System.getProperty(cacheProperty);
		final String threads = System.getProperty(CoreShare.PROPERTY);
		System.setProperty(cacheProperty, dir.resolve("tuning.json").toString());
		System.setProperty(CoreShare.PROPERTY, "all");
		try {
			final Run quiet = run("quiet");
			assertTrue(quiet.log.startingWith("Plan:") != null && quiet.log.toString().contains("time budget"), quiet.log
				.toString());
			final List<Process> load = load();
			final Run busy;
			try {
				busy = run("busy");
			}
			finally {
				load.forEach(Process::destroyForcibly);
			}
			assertEquals(quiet.log.startingWith("Plan:"), busy.log.startingWith("Plan:"));
			assertEquals(quiet.weights.size(), busy.weights.size());
			for (int i = 0; i < quiet.weights.size(); i++)
				assertArrayEquals(quiet.weights.get(i), busy.weights.get(i), "parameter " + i);
			assertArrayEquals(quiet.labels, busy.labels, "labels");
		}
		finally {
			if (before == null) System.clearProperty(cacheProperty);
			else System.setProperty(cacheProperty, before);
			if (threads == null) System.clearProperty(CoreShare.PROPERTY);
			else System.setProperty(CoreShare.PROPERTY, threads);
		}
	}

	private record Run(MessageLog log, List<float[]> weights, float[] labels) {}

	private Run run(final String name) {
		final SyntheticVolume.Volume v = SyntheticVolume.generate(SLICES, SIZE, SIZE, 5);
		final short[] pixels = new short[SLICES * SIZE * SIZE];
		final byte[] strokes = new byte[SLICES * SIZE * SIZE];
		for (int z = 0; z < SLICES; z++) {
			System.arraycopy(v.images()[z], 0, pixels, z * SIZE * SIZE, SIZE * SIZE);
			System.arraycopy(Scribbles.draw(Scribbles.classesOf(v.labels()[z]), SIZE, SIZE, 3, 2, 30, z), 0, strokes, z *
				SIZE * SIZE, SIZE * SIZE);
		}
		// the length from a time budget of a few steps: the plan needs the speed of a step
		final TrainingOptions options = TestData.tinyOptions(TrainingOptions.AUTO, 10).withTimeBudget(3).withUnlabelled(
			Scribbles.UNLABELLED);
		final File model = dir.resolve(name + ".xrsm").toFile();
		final MessageLog log = new MessageLog();
		final AnnotationRun.Result r = AnnotationRun.run(new SliceInput("input", null, ArrayImgs.unsignedShorts(pixels,
			SIZE, SIZE, SLICES)), new SliceInput("annotations", null, ArrayImgs.unsignedBytes(strokes, SIZE, SIZE,
				SLICES)), List.of("pore", "nickel", "YSZ"), options, new AnnotationRun.Files(model, false, false, null,
					false), log);
		final List<float[]> weights = new ArrayList<>();
		try (SegmentationModel m = ModelFile.load(model.toPath(), Device.cpu())) {
			for (final Pair<String, Parameter> p : m.djlModel().getBlock().getParameters()) {
				final NDArray a = p.getValue().getArray();
				weights.add(a.toFloatArray());
			}
		}
		return new Run(log, weights, Pixels.toFloats(r.segmentation().labels()));
	}

	/** @return processes that keep every core busy until destroyed */
	static List<Process> load() {
		final List<Process> out = new ArrayList<>();
		try {
			for (int i = 0; i < Runtime.getRuntime().availableProcessors(); i++)
				out.add(new ProcessBuilder("sh", "-c", "while :; do :; done").start());
		}
		catch (final IOException e) {
			out.forEach(Process::destroyForcibly);
			throw new UncheckedIOException(e);
		}
		return out;
	}
}
