package org.xrayseg.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.nio.file.Paths;

import org.junit.jupiter.api.Test;
import org.xrayseg.core.convert.Pixels;
import org.xrayseg.core.io.FileSliceSource;

/** The committed test-images/ are exactly what the generator makes (bin/xrayseg synthetic output=test-images). */
class SyntheticVolumeTest {

	@Test
	void committedTestImagesAreReproducedExactly() {
		final SyntheticVolume.Volume v = SyntheticVolume.generate(24, 128, 128, 1);
		final Path root = Paths.get("test-images");
		int z = 0;
		for (final String part : new String[] { "train", "test" }) {
			try (FileSliceSource images = FileSliceSource.open(root.resolve(part + "/images"));
				FileSliceSource labels = FileSliceSource.open(root.resolve(part + "/labels")))
			{
				for (int i = 0; i < images.size(); i++, z++) {
					assertEquals(String.format("slice_%03d.tif", z + 1), images.fileName(i));
					assertArrayEquals(v.images()[z], (short[]) Pixels.storage(images.slice(i)));
					assertArrayEquals(v.labels()[z], (byte[]) Pixels.storage(labels.slice(i)));
				}
			}
		}
		assertEquals(24, z);
	}
}
