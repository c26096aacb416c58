package org.xrayseg.reliability;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

import net.imglib2.img.array.ArrayImgs;

import org.xrayseg.TestData;
import org.xrayseg.core.io.TiffSliceSink;
import org.xrayseg.core.model.ModelFile;

/**
 * The catalogue of bad inputs: for each, a command line of keys and the
 * message a user must see. Files are made once in a folder of their own;
 * outputs go to {@code out/}, which must stay empty.
 */
final class BadInputs {

	/** One bad input: the command, its keys, and a part of the expected message. */
	record Case(String name, String command, Map<String, String> keys, String message) {

		@Override
		public String toString() {
			return name;
		}
	}

	private BadInputs() {}

	static List<Case> all(final Path dir) {
		final Path data = TestData.volume();
		final String images = data.resolve("train/images").toString();
		final String labels = data.resolve("train/labels").toString();
		final String model = TestData.model().toString();
		final Path out = dir.resolve("out");
		final List<Case> c = new ArrayList<>();
		c.add(new Case("missing file", "segment", keys("model", model, "input", dir.resolve("nope").toString(),
			"output", out.resolve("labels").toString()), "Not found: "));
		c.add(new Case("empty folder", "train-unet", train(dir.resolve("empty").toString(), labels, out),
			"contains no images"));
		c.add(new Case("images and labels of different sizes", "train-unet", train(images, dir.resolve("small")
			.toString(), out), "is 48x48 but"));
		c.add(new Case("label files named unlike the images", "train-unet", train(images, dir.resolve("three")
			.toString(), out), "has no image of the same name in"));
		c.add(new Case("label values unknown to the model", "train-unet", with(train(images, labels, out),
			"validation_images", images, "validation_labels", dir.resolve("unknown").toString()),
			"holds the label value 77, which the model does not know"));
		c.add(new Case("labels with a single class", "train-unet", train(images, dir.resolve("single").toString(),
			out), "hold a single class"));
		c.add(new Case("a 3D label stack for a 2D image", "train-unet", train(dir.resolve("one.tif").toString(), dir
			.resolve("stack.tif").toString(), out), "has 1 slice but"));
		c.add(new Case("RGB image", "segment", keys("model", model, "input", dir.resolve("colour.png").toString(),
			"output", out.resolve("labels").toString()), "is a colour (RGB) image"));
		c.add(new Case("float labels with fractions", "train-unet", train(dir.resolve("one.tif").toString(), dir
			.resolve("fraction.tif").toString(), out), "labels must be whole numbers"));
		c.add(new Case("NaN pixels", "train-unet", train(dir.resolve("nan.tif").toString(), dir.resolve("one.tif")
			.toString(), out), "holds a NaN value"));
		c.add(new Case("constant image", "train-unet", train(dir.resolve("constant.tif").toString(), dir.resolve(
			"one.tif").toString(), out), "are constant"));
		c.add(new Case("image smaller than the network", "segment", keys("model", model, "input", dir.resolve(
			"tiny.tif").toString(), "output", out.resolve("labels").toString()), "smaller than the network's minimum"));
		c.add(new Case("truncated model", "segment", keys("model", dir.resolve("cut.xrsm").toString(), "input",
			images, "output", out.resolve("labels").toString()), "is not a model file of this plugin"));
		c.add(new Case("a folder as the model", "suggest-annotations", keys("model", images, "input", images, "table",
			out.resolve("regions.csv").toString()), "is a folder, not a model file"));
		c.add(new Case("model of another format", "segment", keys("model", dir.resolve("one.tif").toString(),
			"input", images, "output", out.resolve("labels").toString()), "is not a model file of this plugin"));
		c.add(new Case("model from a newer version", "segment", keys("model", dir.resolve("future.xrsm").toString(),
			"input", images, "output", out.resolve("labels").toString()), "written by a newer version"));
		c.add(new Case("output equal to an input", "segment", keys("model", model, "input", images, "output",
			images), "is an input"));
		c.add(new Case("output folder that cannot be written", "segment", keys("model", model, "input", images,
			"output", dir.resolve("file.txt/labels").toString()), "Cannot create folder"));
		c.add(new Case("negative epochs", "train-unet", with(train(images, labels, out), "epochs", "-1"),
			"epochs must be auto or a whole number, not '-1'"));
		c.add(new Case("unknown training precision", "train-unet", with(train(images, labels, out), "precision",
			"half"), "precision must be one of auto, float32, bfloat16, not 'half'"));
		c.add(new Case("unknown test-time augmentation", "segment", keys("model", model, "input", images, "output",
			out.resolve("labels").toString(), "tta", "maybe"), "tta must be one of auto, true, false, not 'maybe'"));
		c.add(new Case("negative batch size", "train-unet", with(train(images, labels, out), "batch_size", "-2"),
			"batch_size must be auto or a whole number, not '-2'"));
		c.add(new Case("network width that is not a multiple of 16", "train-unet", with(train(images, labels, out),
			"base_filters", "24"), "base_filters must be a multiple of 16 (16, 32, 48, ...), not 24: other widths make " +
				"PyTorch's CPU convolutions compute wrong gradients on some processors"));
		c.add(new Case("patch larger than the images", "train-unet", with(train(images, labels, out), "patch_size",
			"128"), "patch_size 128 is larger than the training images (64x64)"));
		c.add(new Case("existing output without overwrite", "evaluate", keys("prediction", labels, "truth", labels,
			"table", dir.resolve("existing.csv").toString()), "already exists: choose another name or set overwrite=true"));
		return c;
	}

	/** Writes the bad files (a folder, or a stack for a .tif name) of {@link #all} into {@code dir}. */
	static void make(final Path dir) {
		try {
			Files.createDirectories(dir.resolve("empty"));
			Files.createDirectories(dir.resolve("out"));
			write(dir.resolve("small"), 6, 48, i -> (byte) (i % 3 * 100));
			write(dir.resolve("three"), 3, 64, i -> (byte) (i % 2));
			write(dir.resolve("unknown"), 6, 64, i -> (byte) (i % 2 == 0 ? 0 : 77));
			write(dir.resolve("single"), 6, 64, i -> (byte) 0);
			write(dir.resolve("one.tif"), 1, 64, i -> (byte) (i % 3));
			write(dir.resolve("stack.tif"), 3, 64, i -> (byte) (i % 3));
			ImageIO.write(new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB), "png", dir.resolve("colour.png")
				.toFile());
			floats(dir.resolve("fraction.tif"), i -> i % 2 == 0 ? 0f : 0.5f);
			floats(dir.resolve("nan.tif"), i -> i == 100 ? Float.NaN : i % 7);
			floats(dir.resolve("constant.tif"), i -> 3f);
			write(dir.resolve("tiny.tif"), 1, 3, i -> (byte) 9);
			final byte[] model = Files.readAllBytes(TestData.model());
			Files.write(dir.resolve("cut.xrsm"), Arrays.copyOf(model, model.length / 3));
			Files.copy(TestData.model(), dir.resolve("future.xrsm"));
			newerVersion(dir.resolve("future.xrsm"));
			Files.writeString(dir.resolve("file.txt"), "a file, not a folder");
			Files.writeString(dir.resolve("existing.csv"), "precious");
		}
		catch (final IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static void newerVersion(final Path model) throws IOException {
		final String json = ModelFile.toJson(ModelFile.readMetadata(model)).replace("\"formatVersion\": 1",
			"\"formatVersion\": 7");
		try (java.nio.file.FileSystem zip = java.nio.file.FileSystems.newFileSystem(model)) {
			Files.writeString(zip.getPath(ModelFile.METADATA), json);
		}
	}

	private interface Value {

		byte at(int i);
	}

	private interface FloatValue {

		float at(int i);
	}

	private static void write(final Path path, final int n, final int size, final Value v) {
		try (TiffSliceSink sink = new TiffSliceSink(path, 8, false)) {
			for (int z = 0; z < n; z++) {
				final byte[] b = new byte[size * size];
				for (int i = 0; i < b.length; i++)
					b[i] = v.at(i);
				sink.write(ArrayImgs.unsignedBytes(b, size, size), String.format("s%02d.tif", z));
			}
			sink.commit();
		}
	}

	private static void floats(final Path file, final FloatValue v) throws IOException {
		final float[] f = new float[64 * 64];
		for (int i = 0; i < f.length; i++)
			f[i] = v.at(i);
		final BufferedImage img = new BufferedImage(new java.awt.image.ComponentColorModel(java.awt.color.ColorSpace
			.getInstance(java.awt.color.ColorSpace.CS_GRAY), false, false, java.awt.Transparency.OPAQUE,
			java.awt.image.DataBuffer.TYPE_FLOAT), java.awt.image.Raster.createWritableRaster(
				new java.awt.image.PixelInterleavedSampleModel(java.awt.image.DataBuffer.TYPE_FLOAT, 64, 64, 1, 64,
					new int[] { 0 }), new java.awt.image.DataBufferFloat(f, f.length), null), false, null);
		if (!ImageIO.write(img, "tiff", file.toFile())) throw new IOException("no TIFF writer for float");
	}

	private static Map<String, String> train(final String images, final String labels, final Path out) {
		return keys("images", images, "labels", labels, "model", out.resolve("m.xrsm").toString(), "epochs", "1",
			"steps_per_epoch", "1", "batch_size", "2", "patch_size", "32", "depth", "2", "base_filters", "16", "device",
			"cpu");
	}

	private static Map<String, String> keys(final String... kv) {
		final Map<String, String> m = new LinkedHashMap<>();
		for (int i = 0; i < kv.length; i += 2)
			m.put(kv[i], kv[i + 1]);
		return m;
	}

	private static Map<String, String> with(final Map<String, String> base, final String... kv) {
		final Map<String, String> m = new LinkedHashMap<>(base);
		m.putAll(keys(kv));
		return m;
	}
}
