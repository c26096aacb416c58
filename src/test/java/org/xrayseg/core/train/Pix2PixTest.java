package org.xrayseg.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xrayseg.TestData;
import org.xrayseg.core.data.TrainingData;
import org.xrayseg.core.io.FileSliceSource;
import org.xrayseg.core.model.ModelFile;
import org.xrayseg.core.model.NetworkSpec;
import org.xrayseg.core.model.PatchDiscriminator;
import org.xrayseg.core.model.SegmentationModel;
import org.xrayseg.core.progress.ProgressListener;
import org.xrayseg.core.runtime.DjlRuntime;

@Tag("trains")
class Pix2PixTest {

	@TempDir
	Path dir;

	@Test
	void generatorAndDiscriminatorShapes() {
		try (NDManager m = DjlRuntime.engine().newBaseManager()) {
			final Block g = NetworkSpec.pix2pix(3, 16, 3, 2, 0.5).build();
			g.initialize(m, DataType.FLOAT32, new Shape(2, 1, 64, 64));
			final NDArray x = m.randomNormal(new Shape(2, 1, 64, 64));
			assertEquals(new Shape(2, 3, 64, 64), g.forward(new ParameterStore(m, false), new NDList(x), false).head()
				.getShape());
			final Block d = PatchDiscriminator.build(16);
			d.initialize(m, DataType.FLOAT32, new Shape(2, 4, 64, 64));
			assertEquals(new Shape(2, 1, 6, 6), d.forward(new ParameterStore(m, false), new NDList(m.randomNormal(
				new Shape(2, 4, 64, 64))), false).head().getShape());
			assertEquals(new Shape(2, 1, 14, 14), d.getOutputShapes(new Shape[] { new Shape(2, 4, 128, 128) })[0]);
		}
	}

	@Test
	void eachStepChangesOnlyItsOwnNetwork() {
		DjlRuntime.inferenceOnThisThread();
		try (Model g = Model.newInstance("g", Device.cpu()); Model d = Model.newInstance("d", Device.cpu())) {
			g.setBlock(NetworkSpec.pix2pix(2, 16, 3, 1, 0.2).build());
			d.setBlock(PatchDiscriminator.build(16));
			try (Trainer gt = g.newTrainer(TrainingSetup.config(Device.cpu()));
				Trainer dt = d.newTrainer(TrainingSetup.config(Device.cpu())))
			{
				gt.initialize(new Shape(2, 1, 32, 32));
				dt.initialize(new Shape(2, 4, 32, 32));
				final Pix2PixStep step = new Pix2PixStep(gt, new Adam("generator", g.getBlock(), 1e-2, 0.5, 10, gt.getManager()), dt,
					new Adam("discriminator", d.getBlock(), 1e-2, 0.5, 10, dt.getManager()), 100, false);
				final NDManager m = gt.getManager();
				final NDArray x = m.randomNormal(new Shape(2, 1, 32, 32));
				final float[] oneHot = new float[2 * 3 * 32 * 32];
				for (int i = 0; i < 2 * 32 * 32; i++)
					oneHot[(i / 1024 * 3 + i % 3) * 1024 + i % 1024] = 1;
				final NDArray y = m.create(oneHot, new Shape(2, 3, 32, 32));

				byte[] gBefore = weights(g);
				byte[] dBefore = weights(d);
				final NDArray[] fake = new NDArray[1];
				step.generatorStep(x, y, fake, false);
				assertFalse(Arrays.equals(gBefore, weights(g)), "the generator step trains the generator");
				assertArrayEquals(dBefore, weights(d), "the generator step leaves the discriminator alone");
				assertFalse(fake[0].hasGradient(), "the fake passed on is detached");

				gBefore = weights(g);
				dBefore = weights(d);
				step.discriminatorStep(x, y, fake[0]);
				assertArrayEquals(gBefore, weights(g), "the discriminator step leaves the generator alone");
				assertFalse(Arrays.equals(dBefore, weights(d)), "the discriminator step trains the discriminator");
			}
		}
	}

	@Test
	void pix2pixModelSegmentsAfterSaveAndLoadExactlyAsBefore() {
		final Path data = TestData.volume();
		final Path file = dir.resolve("p2p.xrsm");
		final float[] before;
		try (FileSliceSource im = FileSliceSource.open(data.resolve("train/images"));
			FileSliceSource lb = FileSliceSource.open(data.resolve("train/labels")))
		{
			final TrainingData prepared = TrainingData.prepare(im, lb, null, null, TrainingData.Settings.of(0.2), ProgressListener.NONE);
			try (SegmentationModel m = Pix2PixTrainer.train(prepared, Pix2PixOptions.defaults(TestData.tinyOptions(1,
				3)), ProgressListener.NONE))
			{
				assertEquals(NetworkSpec.PIX2PIX, m.metadata().network().type());
				assertEquals(java.util.List.of("generator_adversarial", "l1", "discriminator"), java.util.List.copyOf(m
					.metadata().training().history().get(0).losses().keySet()));
				before = TestData.predict(m, TestData.sampleSlice());
				ModelFile.save(m, file, false);
			}
		}
		try (SegmentationModel m = ModelFile.load(file, Device.cpu())) {
			assertArrayEquals(before, TestData.predict(m, TestData.sampleSlice()));
			assertTrue(m.metadata().network().residualBlocks() > 0);
		}
	}

	private static byte[] weights(final Model model) {
		final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (DataOutputStream out = new DataOutputStream(bytes)) {
			model.getBlock().saveParameters(out);
		}
		catch (final IOException e) {
			throw new IllegalStateException(e);
		}
		return bytes.toByteArray();
	}
}
