package org.xrayseg.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import ai.djl.Device;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xrayseg.TestData;
import org.xrayseg.core.error.ModelFileException;

@Tag("trains")
class ModelFileTest {

	@TempDir
	Path dir;

	@Test
	void saveAndLoadGiveIdenticalPredictions() {
		final float[] pixels = TestData.sampleSlice();
		final Path copy = dir.resolve("copy.xrsm");
		final float[] before;
		try (SegmentationModel m = ModelFile.load(TestData.model(), Device.cpu())) {
			before = TestData.predict(m, pixels);
			ModelFile.save(m, copy, false);
		}
		try (SegmentationModel m = ModelFile.load(copy, Device.cpu())) {
			assertArrayEquals(before, TestData.predict(m, pixels));
			assertArrayEquals(new int[] { 0, 128, 255 }, m.metadata().labelCodes());
			assertEquals(3, m.metadata().training().history().size());
			assertEquals(NetworkSpec.UNET, m.metadata().network().type());
			assertFalse(m.metadata().softwareVersion().isEmpty());
		}
	}

	@Test
	void thePlanWithItsDataDecisionsSurvivesSaveAndLoad() {
		final Path copy = dir.resolve("planned.xrsm");
		final TrainingPlan.Loss loss = new TrainingPlan.Loss(new float[] { 0.5f, 1, 2 }, true, false, false,
			"cross-entropy weighted by phase rarity (0.50, 1.00, 2.00) + soft Dice");
		final TrainingPlan plan = new TrainingPlan(32, 2, 10, 3, 2, 16, 1, TrainingPlan.AVERAGE, 1, 0, 60, 0.25,
			"per_image", 1, loss, List.of("Normalisation per_image: asked for", "Context: 1 slice on each side " +
				"(2.5D), as given", TrainingPlan.LOSS + loss.description()), 123_456L);
		try (SegmentationModel m = ModelFile.load(TestData.model(), Device.cpu())) {
			assertEquals("global", m.metadata().plan().normalisation(), "a trained model's plan has the decisions");
			assertEquals(0, m.metadata().plan().contextSlices());
			assertTrue(m.metadata().plan().reasons().contains(TrainingPlan.LOSS + m.metadata().plan().loss()
				.description()), m.metadata().plan().reasons().toString());
			m.setMetadata(m.metadata().withPlan(plan));
			ModelFile.save(m, copy, false);
		}
		final TrainingPlan read = ModelFile.readMetadata(copy).plan();
		assertEquals("per_image", read.normalisation());
		assertEquals(1, read.contextSlices());
		assertArrayEquals(loss.classWeights(), read.loss().classWeights());
		assertTrue(read.loss().dice());
		assertFalse(read.loss().smoothness() || read.loss().fit());
		assertEquals(loss.description(), read.loss().description());
		assertEquals(plan.reasons(), read.reasons());
		assertEquals(123_456L, read.validationPixels());
	}

	@Test
	void aPlanOfAnEarlierVersionWithoutTheDataDecisionsIsRead() throws IOException {
		final JsonObject json = JsonParser.parseString(ModelFile.toJson(ModelFile.readMetadata(TestData.model())))
			.getAsJsonObject();
		for (final String field : new String[] { "normalisation", "contextSlices", "loss", "validationPixels" })
			assertTrue(json.getAsJsonObject("plan").remove(field) != null, field);
		final Path old = zipWith(dir.resolve("old.xrsm"), ModelFile.METADATA, json.toString());
		final TrainingPlan plan = ModelFile.readMetadata(old).plan();
		assertNull(plan.normalisation(), "unknown");
		assertNull(plan.contextSlices(), "unknown");
		assertNull(plan.loss(), "unknown");
		assertEquals(0, plan.validationPixels(), "every validation slice after every epoch, as then");
		assertEquals(ModelFile.readMetadata(TestData.model()).plan().steps(), plan.steps());
	}

	@Test
	void theResponseToChangesOfScanConditionsSurvivesSaveAndLoadAndModelsBeforeItAreReadWithout() throws IOException {
		final ShiftResponse trained = ModelFile.readMetadata(TestData.model()).probabilityCalibration().shifts();
		assertTrue(trained.features().length > 0 && trained.gaps().length == trained.features().length);
		final Path copy = dir.resolve("copy.xrsm");
		try (SegmentationModel m = ModelFile.load(TestData.model(), Device.cpu())) {
			ModelFile.save(m, copy, false);
		}
		final ShiftResponse read = ModelFile.readMetadata(copy).probabilityCalibration().shifts();
		assertArrayEquals(trained.gaps(), read.gaps());
		assertArrayEquals(trained.quantiles(), read.quantiles());
		assertEquals(trained.reference(), read.reference());
		final JsonObject json = JsonParser.parseString(ModelFile.toJson(ModelFile.readMetadata(TestData.model())))
			.getAsJsonObject();
		assertTrue(json.getAsJsonObject("calibration").remove("shifts") != null);
		final Calibration old = ModelFile.readMetadata(zipWith(dir.resolve("old.xrsm"), ModelFile.METADATA, json
			.toString())).probabilityCalibration();
		assertNull(old.shifts(), "not measured: Segment's estimate is uncorrected, and says so");
		assertEquals(ModelFile.readMetadata(TestData.model()).probabilityCalibration().temperature(), old
			.temperature());
	}

	@Test
	void truncatedFileIsReportedAsDamaged() throws IOException {
		final byte[] whole = Files.readAllBytes(TestData.model());
		final Path cut = Files.write(dir.resolve("cut.xrsm"), Arrays.copyOf(whole, whole.length / 2));
		final ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.load(cut, Device.cpu()));
		assertTrue(e.getMessage().startsWith(cut + " is not a model file of this plugin"), e.getMessage());
	}

	@Test
	void fileOfAnotherFormatIsRefused() throws IOException {
		final Path tiff = TestData.volume().resolve("test/images/slice_007.tif");
		assertTrue(assertThrows(ModelFileException.class, () -> ModelFile.load(tiff, Device.cpu())).getMessage()
			.contains("is not a model file of this plugin"));
		final Path zip = zipWith(dir.resolve("other.zip"), "readme.txt", "hello");
		assertTrue(assertThrows(ModelFileException.class, () -> ModelFile.load(zip, Device.cpu())).getMessage()
			.endsWith("(no metadata.json inside)"));
		assertEquals("Model file not found: " + dir.resolve("none.xrsm"), assertThrows(ModelFileException.class,
			() -> ModelFile.load(dir.resolve("none.xrsm"), Device.cpu())).getMessage());
	}

	@Test
	void modelFromANewerVersionIsRefusedWithAnUpdateHint() throws IOException {
		final String json = ModelFile.toJson(ModelFile.readMetadata(TestData.model())).replace(
			"\"formatVersion\": 1", "\"formatVersion\": 99").replaceFirst("\"softwareVersion\": \"[^\"]*\"",
				"\"softwareVersion\": \"9.0.0\"");
		final Path future = zipWith(dir.resolve("future.xrsm"), ModelFile.METADATA, json);
		final ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.load(future, Device
			.cpu()));
		assertEquals(future + " was written by a newer version of X-Ray Segmentation (9.0.0, model format 99): " +
			"update the plugin to read it", e.getMessage());
	}

	@Test
	void entriesOutsideTheModelAreNeverExtracted() throws IOException {
		final Path evil = dir.resolve("sub/evil.xrsm");
		java.nio.file.Files.createDirectories(evil.getParent());
		try (java.util.zip.ZipFile model = new java.util.zip.ZipFile(TestData.model().toFile());
			OutputStream os = Files.newOutputStream(evil); ZipOutputStream zip = new ZipOutputStream(os))
		{
			for (final String name : new String[] { ModelFile.METADATA, ModelFile.WEIGHTS }) {
				zip.putNextEntry(new ZipEntry(name));
				zip.write(model.getInputStream(model.getEntry(name)).readAllBytes());
				zip.closeEntry();
			}
			zip.putNextEntry(new ZipEntry("../../escaped.sh"));
			zip.write("echo pwned".getBytes(StandardCharsets.UTF_8));
			zip.closeEntry();
		}
		try (SegmentationModel m = ModelFile.load(evil, Device.cpu())) {
			assertEquals(3, m.metadata().network().classes());
		}
		try (java.util.stream.Stream<Path> all = Files.walk(dir)) {
			assertTrue(all.noneMatch(p -> p.getFileName().toString().equals("escaped.sh")));
		}
		assertFalse(Files.exists(dir.getParent().resolve("escaped.sh")));
	}

	private static Path zipWith(final Path file, final String entry, final String text) throws IOException {
		try (OutputStream os = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(os)) {
			zip.putNextEntry(new ZipEntry(entry));
			zip.write(text.getBytes(StandardCharsets.UTF_8));
			zip.closeEntry();
		}
		return file;
	}
}
