package org.xrayseg.core.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import ai.djl.Device;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xrayseg.core.choice.Auto;
import org.xrayseg.core.data.LabelCoding;
import org.xrayseg.core.data.Normalization;
import org.xrayseg.core.error.InvalidInputException;
import org.xrayseg.core.model.ModelMetadata;
import org.xrayseg.core.model.NetworkSpec;
import org.xrayseg.core.model.SegmentationModel;
import org.xrayseg.core.progress.ProgressListener;
import org.xrayseg.core.runtime.CoreShare;
import org.xrayseg.core.runtime.ScriptedMeter;

class InferenceTunerTest {

	@TempDir
	Path dir;

	@Test
	void aCachedMeasurementDecidesWithoutMeasuringAgain() {
		final Path file = dir.resolve("tuning.json");
		try (SegmentationModel m = model()) {
			final TuningCache cache = TuningCache.load(file);
			cache.put(InferenceTuner.key(m), "256x2 float32", 0.1);
			cache.put(InferenceTuner.key(m), "256x1 float32", 0.3);
			cache.save();
			final InferenceTuner.Choice c = new InferenceTuner(file).fastest(m, 600, 600, 32, 256, Precision.FLOAT32,
				ProgressListener.NONE);
			assertEquals(256, c.tileSize());
			assertEquals(2, c.batchSize());
			assertEquals(Precision.FLOAT32, c.precision());
			assertEquals("measured before", c.source());
			// 600 + 32 padded: 3 x 3 tiles of at most 256, equal (232) and overlapping by 32, in 5 batches of 2,
			// at 0.1 s per megapixel
			assertEquals(10 * 232 * 232 * 0.1 / 1e6, c.secondsPerSlice(), 1e-9);
		}
	}

	@Test
	void segmentsChoiceFollowsFixedRulesWhateverWasMeasured() {
		final Path file = dir.resolve("tuning.json");
		try (SegmentationModel m = model()) {
			final TuningCache cache = TuningCache.load(file);
			cache.put(InferenceTuner.key(m), "128x4 float32", 0.01);
			cache.save();
			final InferenceTuner.Choice c = InferenceTuner.choose(m, Auto.NUMBER,
				Precision.AUTO);
			assertEquals(TiledPredictor.TILE_SIZE, c.tileSize(), "a faster tile in the cache changes nothing");
			assertEquals(TiledPredictor.TILE_BATCH, c.batchSize());
			assertEquals(InferenceTuner.bfloat16Native(m) ? Precision.BFLOAT16 : Precision.FLOAT32, c.precision());
			assertEquals(CpuInfo.current().bfloat16() && System.getenv("ONEDNN_MAX_CPU_ISA") == null && org.xrayseg.core
				.model.InferenceNetwork.bfloat16Available(), InferenceTuner.bfloat16Native(m));
			final InferenceTuner.Choice given = InferenceTuner.choose(m, 128, Precision.FLOAT32);
			assertEquals(128, given.tileSize());
			assertEquals(Precision.FLOAT32, given.precision(), "a precision given is kept");
		}
	}

	@Test
	void aCorruptCacheIsMeasuredAgainAndReplaced() throws IOException {
		final Path file = dir.resolve("tuning.json");
		Files.writeString(file, "{\"x\": [1, 2", StandardCharsets.UTF_8);
		// a quiet machine whatever runs now: the start and the measurement, then the second run's start
		CoreShare.useMeter(new ScriptedMeter(2).then(0.0, 0.0).then(0.0, 2.0).then(0.0, 0.0));
		try (SegmentationModel m = model()) {
			final InferenceTuner.Choice c = new InferenceTuner(file).fastest(m, 100, 80, 16, 64, Precision.FLOAT32,
				ProgressListener.NONE);
			assertEquals(64, c.tileSize());
			assertEquals("measured now", c.source());
			final TuningCache reread = TuningCache.load(file);
			for (final int batch : InferenceTuner.batches(64))
				assertNotNull(reread.get(InferenceTuner.key(m), "64x" + batch + " float32"), "batch " + batch);
			// and used from then on
			assertEquals("measured before", new InferenceTuner(file).fastest(m, 100, 80, 16, 64, Precision.FLOAT32,
				ProgressListener.NONE).source());
		}
		finally {
			CoreShare.useMeter(null);
		}
	}

	@Test
	void aSpeedMeasuredWhileOtherProgramsTookCoresIsNotKept() {
		final Path file = dir.resolve("tuning.json");
		try (SegmentationModel m = model()) {
			// the job's start, then the measurement: other programs used both cores meanwhile
			CoreShare.useMeter(new ScriptedMeter(2).then(0.0, 0.0).then(2.0, 0.0));
			final InferenceTuner.Choice busy = new InferenceTuner(file).fastest(m, 100, 80, 16, 64, Precision.FLOAT32,
				ProgressListener.NONE);
			assertEquals(64, busy.tileSize(), "the measurement still serves this choice");
			assertEquals("measured now on a busy machine, not kept", busy.source());
			assertFalse(Files.exists(file), "nothing kept");
			CoreShare.useMeter(new ScriptedMeter(2).then(0.0, 0.0).then(0.05, 1.0));
			assertEquals("measured now", new InferenceTuner(file).fastest(m, 100, 80, 16, 64, Precision.FLOAT32,
				ProgressListener.NONE).source());
			assertNotNull(TuningCache.load(file).get(InferenceTuner.key(m), "64x1 float32"), "kept when quiet");
		}
		finally {
			CoreShare.useMeter(null);
		}
	}

	@Test
	void valuesOfTheWrongKindInTheCacheAreIgnored() throws IOException {
		final Path file = dir.resolve("tuning.json");
		Files.writeString(file, "{\"a\": {\"256x1 float32\": -1, \"512x1 float32\": 0.5}, \"b\": 7}",
			StandardCharsets.UTF_8);
		final TuningCache c = TuningCache.load(file);
		assertEquals(null, c.get("a", "256x1 float32"));
	}

	@Test
	void bfloat16CountsAsFastestOnlyWhereClearlyFaster() {
		final Path file = dir.resolve("tuning.json");
		try (SegmentationModel m = model()) {
			final String key = InferenceTuner.key(m);
			final TuningCache cache = TuningCache.load(file);
			cache.put(key, "512x1 float32", 1.0);
			cache.put(key, "512x2 float32", 2.0);
			cache.put(key, "512x1 bfloat16", 0.95);
			cache.put(key, "512x2 bfloat16", 2.0);
			cache.save();
			final InferenceTuner tuner = new InferenceTuner(file);
			assertEquals(Precision.FLOAT32, tuner.fastest(m, 1000, 1000, 32, 512, Precision.AUTO, ProgressListener.NONE)
				.precision(), "5% faster is within the noise");
			cache.put(key, "512x1 bfloat16", 0.4);
			cache.save();
			assertEquals(InferenceTuner.bfloat16Native(m) ? Precision.BFLOAT16 : Precision.FLOAT32, tuner.fastest(m,
				1000, 1000, 32, 512, Precision.AUTO, ProgressListener.NONE).precision());
		}
	}

	@Test
	void keysParse() {
		assertEquals(Auto.NUMBER, SegmentationRun.parseTileSize("auto"));
		assertEquals(0, SegmentationRun.parseTileSize("0"));
		assertEquals(384, SegmentationRun.parseTileSize(" 384 "));
		assertThrows(InvalidInputException.class, () -> SegmentationRun.parseTileSize("-3"));
		assertThrows(InvalidInputException.class, () -> SegmentationRun.parseTileSize("big"));
		assertEquals(Precision.BFLOAT16, Precision.parse("BFloat16"));
		assertEquals(Precision.AUTO, Precision.parse("auto"));
		assertThrows(InvalidInputException.class, () -> Precision.parse("float16"));
	}

	@Test
	void cpuInfoReadsModelAndFlags() throws IOException {
		final Path f = dir.resolve("cpuinfo");
		Files.writeString(f, "processor\t: 0\nmodel name\t: Some CPU\nflags\t\t: fpu avx2 avx512f amx_bf16\n\n" +
			"processor\t: 1\nmodel name\t: Some CPU\nflags\t\t: fpu avx2 avx512f amx_bf16\n", StandardCharsets.UTF_8);
		final CpuInfo c = CpuInfo.parse(f);
		assertEquals("Some CPU", c.model());
		assertTrue(c.bfloat16());
		assertTrue(c.describe().contains("avx2 avx512f amx_bf16"), c.describe());
		Files.writeString(f, "model name\t: Old CPU\nflags\t\t: fpu avx2\n", StandardCharsets.UTF_8);
		assertTrue(!CpuInfo.parse(f).bfloat16());
	}

	private static SegmentationModel model() {
		final SegmentationModel m = SegmentationModel.create(ModelMetadata.create(NetworkSpec.unet(2, 16, 3),
			new LabelCoding(0, 1, 2), new Normalization(0, 1), 32, null), Device.cpu());
		m.initialize();
		return m;
	}
}
