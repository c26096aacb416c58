package org.xrayseg.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xrayseg.core.data.LabelCoding;
import org.xrayseg.core.data.Normalization;
import org.xrayseg.core.error.ModelFileException;
import org.xrayseg.core.runtime.DjlRuntime;

/**
 * A model file may hold the networks of a cross-validation ensemble: they
 * segment together (the mean of their class probabilities), and the file
 * reads back with all of them; files of one network keep the layout that
 * earlier versions read.
 */
class EnsembleTest {

	@TempDir
	Path dir;

	private static final NetworkSpec SPEC = NetworkSpec.unet(2, 16, 3);

	@Test
	void anEnsembleSegmentsWithTheMeanOfItsNetworksProbabilities() {
		final List<SegmentationModel> networks = new ArrayList<>();
		for (int seed = 1; seed <= 3; seed++)
			networks.add(network(seed));
		final float[][] alone = new float[3][];
		for (int n = 0; n < 3; n++)
			alone[n] = probabilities(networks.get(n));
		try (SegmentationModel ensemble = SegmentationModel.ensemble(networks, networks.get(0).metadata().asEnsemble(3,
			null)))
		{
			assertEquals(3, ensemble.blocks().size());
			final float[] together = probabilities(ensemble);
			for (int i = 0; i < together.length; i++)
				assertEquals((alone[0][i] + alone[1][i] + alone[2][i]) / 3, together[i], 1e-5);
		}
	}

	@Test
	void aModelFileHoldsEveryNetworkOfAnEnsembleAndOneNetworkKeepsTheOldLayout() throws IOException {
		final Path single = dir.resolve("one.xrsm");
		try (SegmentationModel one = network(1)) {
			ModelFile.save(one, single, false);
		}
		assertEquals(ModelMetadata.FORMAT_VERSION, ModelFile.readMetadata(single).formatVersion());
		assertEquals(1, ModelFile.readMetadata(single).networks());
		final Path file = dir.resolve("ensemble.xrsm");
		final CrossValidation cv = new CrossValidation(2, new double[] { 0.9, 0.8, 0.7 }, new double[] { 0.01, 0.02,
			0.03 }, 4, List.of("a .. b (2 slices)", "c .. d (2 slices)"));
		final float[] before;
		final List<SegmentationModel> two = List.of(network(1), network(2));
		try (SegmentationModel ensemble = SegmentationModel.ensemble(two, two.get(0).metadata().asEnsemble(2, cv))) {
			before = probabilities(ensemble);
			ModelFile.save(ensemble, file, false);
		}
		final ModelMetadata m = ModelFile.readMetadata(file);
		assertEquals(ModelMetadata.ENSEMBLE_FORMAT_VERSION, m.formatVersion(), "earlier versions refuse ensembles");
		assertEquals(2, m.networks());
		assertEquals(0.8, m.crossValidation().meanDice(), 1e-12);
		try (SegmentationModel read = ModelFile.load(file, Device.cpu())) {
			assertEquals(2, read.blocks().size());
			assertArrayEquals(before, probabilities(read), 1e-6f);
		}
		// a file that lost a network's weights is damaged, not a smaller ensemble
		final Path broken = dir.resolve("broken.xrsm");
		try (ZipFile zip = new ZipFile(file.toFile()); OutputStream os = Files.newOutputStream(broken);
			ZipOutputStream out = new ZipOutputStream(os))
		{
			for (final ZipEntry e : java.util.Collections.list(zip.entries())) {
				if (e.getName().equals("weights-2.params")) continue;
				out.putNextEntry(new ZipEntry(e.getName()));
				out.write(zip.getInputStream(e).readAllBytes());
				out.closeEntry();
			}
		}
		assertEquals(broken + " is damaged: it holds no weights-2.params", assertThrows(ModelFileException.class,
			() -> ModelFile.load(broken, Device.cpu()).close()).getMessage());
		final Path newer = dir.resolve("newer.xrsm");
		try (ZipFile zip = new ZipFile(file.toFile()); OutputStream os = Files.newOutputStream(newer);
			ZipOutputStream out = new ZipOutputStream(os))
		{
			out.putNextEntry(new ZipEntry(ModelFile.METADATA));
			out.write(new String(zip.getInputStream(zip.getEntry(ModelFile.METADATA)).readAllBytes(),
				StandardCharsets.UTF_8).replace("\"formatVersion\": 2", "\"formatVersion\": 3").getBytes(
					StandardCharsets.UTF_8));
			out.closeEntry();
		}
		assertEquals(true, assertThrows(ModelFileException.class, () -> ModelFile.readMetadata(newer)).getMessage()
			.contains("was written by a newer version"));
	}

	private static SegmentationModel network(final int seed) {
		DjlRuntime.engine().setRandomSeed(seed);
		final SegmentationModel m = SegmentationModel.create(ModelMetadata.create(SPEC, new LabelCoding(0, 1, 2),
			new Normalization(0, 1), 32, null), Device.cpu());
		m.initialize();
		return m;
	}

	/** @return the class probabilities (N, K, H, W) of a fixed input */
	private static float[] probabilities(final SegmentationModel model) {
		try (NDManager m = model.djlModel().getNDManager().newSubManager();
			InferenceNetwork net = InferenceNetwork.of(model, DataType.FLOAT32))
		{
			final float[] x = new float[2 * 32 * 32];
			for (int i = 0; i < x.length; i++)
				x[i] = (float) Math.sin(i * 0.37) * 0.5f + 0.5f;
			final NDArray in = m.create(x, new Shape(2, 1, 32, 32));
			return net.logits(in).softmax(1).toFloatArray();
		}
	}
}
