package org.xrayseg.core.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes grey slices of one size into one uncompressed, little-endian TIFF file,
 * streaming: each slice's pixels go to disk as they come, one after the other
 * from byte 16 (the layout ImageJ reads as a stack); the image directories
 * follow them when the file is finished. Only then is the size of the file
 * known, and so the format: classic TIFF while every offset fits 32 bits
 * (under 4 GB), BigTIFF (64-bit offsets) past that. The first 16 bytes are kept
 * for either header. The first directory carries an ImageJ description (number
 * of slices, unit, slice spacing) and every one the resolution tags of the
 * voxel size, so ImageJ and Fiji open the stack calibrated.
 */
final class TiffStackWriter implements AutoCloseable {

	/** Largest file size for classic TIFF: every offset must fit an unsigned 32-bit number. */
	static final long CLASSIC_LIMIT = 0xffffffffL;
	private static final int HEADER = 16;

	private final FileChannel channel;
	private final int bits;
	private final boolean floating;
	private final VoxelSize voxel;
	private final long classicLimit;
	private final String phases;
	private int channels = 1;
	private int slices;
	private int width = -1;
	private int height = -1;
	private long end = HEADER;

	/**
	 * @param file the file to write (created or replaced)
	 * @param bits 8 or 16 (unsigned integer) or 32 (float)
	 * @param classicLimit largest file written as classic TIFF ({@link #CLASSIC_LIMIT}; smaller in tests)
	 */
	TiffStackWriter(final Path file, final int bits, final VoxelSize voxel, final long classicLimit)
		throws IOException
	{
		this(file, bits, voxel, null, classicLimit);
	}

	/** @param phases the label codes and names of a label image for the description, or null */
	TiffStackWriter(final Path file, final int bits, final VoxelSize voxel, final String phases,
		final long classicLimit) throws IOException
	{
		this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
			StandardOpenOption.TRUNCATE_EXISTING);
		this.bits = bits;
		this.floating = bits == 32;
		this.voxel = voxel;
		this.classicLimit = classicLimit;
		this.phases = phases;
	}

	/** Makes the file a hyperstack of {@code k} channels (pages in the order channel, then slice). */
	TiffStackWriter channels(final int k) {
		this.channels = k;
		return this;
	}

	/** @return {width, height} of the slices written so far, or null before the first */
	int[] size() {
		return width < 0 ? null : new int[] { width, height };
	}

	/** Appends one slice: {@code pixels} holds width x height samples in this file's byte order. */
	void append(final ByteBuffer pixels, final int w, final int h) throws IOException {
		if (width < 0) {
			width = w;
			height = h;
		}
		slices++;
		end += writeFully(pixels, end);
	}

	/** Writes the directories and the header; returns true if the file became BigTIFF. */
	boolean finish() throws IOException {
		final int count = slices;
		final String text = ImageJDescription.format(count, voxel, phases, channels);
		final byte[] description = evenLength(text);
		final long values = end + (end & 1);
		final long firstDirectory = values + description.length + (voxel.isKnown() ? 16 : 0);
		final boolean big = firstDirectory + directoryBytes(0, false) + (count - 1L) * directoryBytes(1,
			false) > classicLimit;
		final ByteBuffer shared = ByteBuffer.allocate(description.length + 16).order(ByteOrder.LITTLE_ENDIAN);
		shared.put(description);
		if (voxel.isKnown()) putResolution(shared);
		writeFully(shared.flip(), values);
		long at = firstDirectory;
		for (int i = 0; i < count; i++) {
			final int size = directoryBytes(i, big);
			writeFully(directory(i, big, values, text.getBytes(StandardCharsets.UTF_8).length + 1, i + 1 < count ? at +
				size : 0), at);
			at += size;
		}
		final ByteBuffer head = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
		head.put((byte) 'I').put((byte) 'I');
		if (big) head.putShort((short) 43).putShort((short) 8).putShort((short) 0).putLong(firstDirectory);
		else head.putShort((short) 42).putInt((int) firstDirectory);
		writeFully(head.position(HEADER).flip(), 0);
		return big;
	}

	private int entries(final int page) {
		return 10 + (page == 0 ? 1 : 0) + (voxel.isKnown() ? 3 : 0);
	}

	private int directoryBytes(final int page, final boolean big) {
		return big ? 8 + entries(page) * 20 + 8 : 2 + entries(page) * 12 + 4;
	}

	/** Directory of slice {@code page}: the description (first slice only) and resolution are shared values. */
	private ByteBuffer directory(final int page, final boolean big, final long values, final int description,
		final long next)
	{
		final ByteBuffer b = ByteBuffer.allocate(directoryBytes(page, big)).order(ByteOrder.LITTLE_ENDIAN);
		if (big) b.putLong(entries(page));
		else b.putShort((short) entries(page));
		final long sliceBytes = (long) width * height * (bits / 8);
		entry(b, big, 256, 4, 1, width);
		entry(b, big, 257, 4, 1, height);
		entry(b, big, 258, 3, 1, bits);
		entry(b, big, 259, 3, 1, 1);
		entry(b, big, 262, 3, 1, 1);
		if (page == 0) entry(b, big, 270, 2, description, values);
		entry(b, big, 273, big ? 16 : 4, 1, HEADER + page * sliceBytes);
		entry(b, big, 277, 3, 1, 1);
		entry(b, big, 278, 4, 1, height);
		entry(b, big, 279, big ? 16 : 4, 1, sliceBytes);
		if (voxel.isKnown()) {
			// a RATIONAL fits in a BigTIFF entry, so must be put there; classic entries point to the shared copy
			final long resolution = values + ((description + 1) & ~1);
			if (big) {
				rationalEntry(b, 282, voxel.x());
				rationalEntry(b, 283, voxel.y());
			}
			else {
				entry(b, false, 282, 5, 1, resolution);
				entry(b, false, 283, 5, 1, resolution + 8);
			}
			entry(b, big, 296, 3, 1, TiffCalibration.resolutionUnit(voxel.unit()));
		}
		entry(b, big, 339, 3, 1, floating ? 3 : 1);
		if (big) b.putLong(next);
		else b.putInt((int) next);
		return b.flip();
	}

	/** One directory entry; {@code value} is the value itself (SHORT, LONG, LONG8) or the offset of the values. */
	private static void entry(final ByteBuffer b, final boolean big, final int tag, final int type, final long count,
		final long value)
	{
		b.putShort((short) tag).putShort((short) type);
		if (big) b.putLong(count).putLong(value);
		else if (type == 3) b.putInt((int) count).putShort((short) value).putShort((short) 0);
		else b.putInt((int) count).putInt((int) value);
	}

	private static void rationalEntry(final ByteBuffer b, final int tag, final double pixelSize) {
		final long[] r = TiffCalibration.rational(1 / pixelSize);
		b.putShort((short) tag).putShort((short) 5).putLong(1).putInt((int) r[0]).putInt((int) r[1]);
	}

	private void putResolution(final ByteBuffer b) {
		for (final double size : new double[] { voxel.x(), voxel.y() }) {
			final long[] r = TiffCalibration.rational(1 / size);
			b.putInt((int) r[0]).putInt((int) r[1]);
		}
	}

	private static byte[] evenLength(final String text) {
		final byte[] t = text.getBytes(StandardCharsets.UTF_8);
		final byte[] b = new byte[(t.length + 2) & ~1];
		System.arraycopy(t, 0, b, 0, t.length);
		return b;
	}

	private int writeFully(final ByteBuffer data, final long at) throws IOException {
		final int n = data.remaining();
		long pos = at;
		while (data.hasRemaining())
			pos += channel.write(data, pos);
		return n;
	}

	@Override
	public void close() throws IOException {
		channel.close();
	}
}
