package org.xrayseg.core.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/** Writes test volumes in the containers the product writes only past 4 GB (BigTIFF). */
public final class TestStacks {

	private TestStacks() {}

	/** Writes 16-bit slices of {@code w} x {@code h} pixels as an uncompressed BigTIFF stack. */
	public static void bigTiff(final Path file, final short[][] slices, final int w, final int h) {
		try (TiffStackWriter writer = new TiffStackWriter(file, 16, VoxelSize.UNKNOWN, 0)) {
			for (final short[] s : slices) {
				final ByteBuffer b = ByteBuffer.allocate(2 * s.length).order(ByteOrder.LITTLE_ENDIAN);
				b.asShortBuffer().put(s);
				writer.append(b, w, h);
			}
			if (!writer.finish()) throw new IllegalStateException("not written as BigTIFF");
		}
		catch (final IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
