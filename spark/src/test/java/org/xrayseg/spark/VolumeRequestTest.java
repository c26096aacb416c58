package org.xrayseg.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xrayseg.core.error.InvalidInputException;

/** input= names one volume, a list or a pattern; each volume of several gets its own output folder. */
class VolumeRequestTest {

	@TempDir
	Path dir;

	private List<VolumeRequest> expand(final String input, final String truth) {
		return VolumeRequest.expand(new File(input), dir.resolve("labels").toFile(), truth == null ? null : new File(
			truth), " 2- ", "");
	}

	private static List<String> names(final List<VolumeRequest> volumes, final boolean outputs) {
		return volumes.stream().map(v -> (outputs ? v.output() : v.input()).getFileName().toString()).collect(
			Collectors.toList());
	}

	@Test
	void oneVolumeWritesIntoTheOutputItself() {
		final List<VolumeRequest> v = expand(dir.resolve("scan.h5").toString(), null);
		assertEquals(1, v.size());
		assertEquals(dir.resolve("labels"), v.get(0).output());
		assertEquals("2-", v.get(0).slices());
		assertNull(v.get(0).dataset(), "blank is the default");
	}

	@Test
	void aPatternNamesTheMatchingVolumesInNaturalOrderEachWithItsFolder() throws IOException {
		for (final String n : List.of("scan10.h5", "scan2.h5", "scan1.h5", ".hidden.h5", "notes.txt"))
			Files.createFile(dir.resolve(n));
		Files.createDirectory(dir.resolve("scan3.h5.d"));
		final List<VolumeRequest> v = expand(dir.resolve("scan*.h5").toString(), null);
		assertEquals(List.of("scan1.h5", "scan2.h5", "scan10.h5"), names(v, false));
		assertEquals(List.of("scan1", "scan2", "scan10"), names(v, true));
		assertEquals(dir.resolve("labels/scan2"), v.get(1).output());
	}

	@Test
	void aPatternDoesNotMatchTheOutputItself() throws IOException {
		Files.createDirectories(dir.resolve("scan1"));
		Files.createDirectories(dir.resolve("labels/scan1"));
		assertEquals(List.of("scan1"), names(expand(dir.resolve("*").toString(), null), false));
	}

	@Test
	void aListMayMixFoldersAndFilesAndPairsWithItsReferences() throws IOException {
		Files.createDirectory(dir.resolve("a"));
		final List<VolumeRequest> v = expand(dir.resolve("a") + "," + dir.resolve("b.tif"), dir.resolve("ta") + ", " + dir
			.resolve("tb"));
		assertEquals(List.of("a", "b"), names(v, true));
		assertEquals(dir.resolve("tb"), v.get(1).truth());
	}

	@Test
	void whatCannotWorkIsSaidInOneLine() {
		assertEquals("truth= names 1 volumes but input= names 2: give one reference per volume, in the same order",
			assertThrows(InvalidInputException.class, () -> expand("a.h5,b.h5", "t.h5")).getMessage());
		assertEquals("input=" + dir.resolve("*.nxs") + " matches nothing", assertThrows(InvalidInputException.class,
			() -> expand(dir.resolve("*.nxs").toString(), null)).getMessage());
		assertEquals("input= names two volumes called scan: their labels would share " + dir.resolve("labels/scan"),
			assertThrows(InvalidInputException.class, () -> expand("x/scan.h5,y/scan.tif", null)).getMessage());
		assertEquals("output=out.tif is a .tif stack, but a Spark job writes one label file per slice: give a folder",
			assertThrows(InvalidInputException.class, () -> VolumeRequest.of(new File("in"), new File("out.tif"), null,
				null)).getMessage());
	}
}
