package org.xrayseg.core.io;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;

import io.jhdf.HdfFile;
import io.jhdf.Superblock;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfException;
import io.jhdf.object.datatype.FixedPoint;
import io.jhdf.object.datatype.FloatingPoint;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

import org.xrayseg.core.error.InvalidInputException;

/**
 * The z slices of a 3D dataset (z, y, x; z slowest) in an HDF5 file (.h5,
 * .hdf5, .nxs), e.g. DXchange's {@code /exchange/data}, read one slice at a
 * time with jhdf (pure Java). Pixel types: 8-, 16- and 32-bit integers, signed
 * or not, 32- and 64-bit float. The file stays open until {@link #close()}.
 */
public final class Hdf5SliceSource implements SliceSource {

	/** Bytes of the smallest superblock (versions 2 and 3) */
	private static final int SMALLEST_SUPERBLOCK = 48;
	private static final byte[] SIGNATURE = "\u0089HDF\r\n\u001a\n".getBytes(StandardCharsets.ISO_8859_1);

	private final Path file;
	private final HdfFile hdf;
	private final FileChannel channel;
	private final Dataset dataset;
	private final Hdf5Planes planes;
	private final RawPixels.Kind kind;
	private final int[] dims;

	private Hdf5SliceSource(final Path file, final HdfFile hdf, final FileChannel channel, final Dataset dataset,
		final long cacheBytes)
	{
		this.file = file;
		this.hdf = hdf;
		this.channel = channel;
		this.dataset = dataset;
		this.dims = dataset.getDimensions();
		this.planes = new Hdf5Planes(dataset, channel, hdf.getUserBlockSize(), cacheBytes);
		this.kind = dataset.getDataType() instanceof FloatingPoint ? RawPixels.Kind.FLOAT : dataset
			.getDataType() instanceof FixedPoint && ((FixedPoint) dataset.getDataType()).isSigned()
				? RawPixels.Kind.SIGNED : RawPixels.Kind.UNSIGNED;
	}

	/**
	 * Opens the 3D dataset {@code datasetPath} of {@code file}; without a path,
	 * DXchange's /exchange/data or else the file's only 3D dataset.
	 */
	public static Hdf5SliceSource open(final Path file, final String datasetPath) {
		return open(file, datasetPath, Hdf5Planes.LAYER_CACHE_BYTES);
	}

	/** As {@link #open(Path, String)}, keeping at most {@code cacheBytes} of decoded chunks (tests: 0). */
	static Hdf5SliceSource open(final Path file, final String datasetPath, final long cacheBytes) {
		if (!Files.isRegularFile(file)) throw new InvalidInputException("Not found: " + file);
		requireComplete(file);
		HdfFile hdf = null;
		FileChannel channel = null;
		try {
			hdf = new HdfFile(file);
			channel = FileChannel.open(file, StandardOpenOption.READ);
			final Dataset dataset = volume(file, hdf, datasetPath);
			final Hdf5SliceSource source = new Hdf5SliceSource(file, hdf, channel, dataset, cacheBytes);
			source.requireReadableType();
			return source;
		}
		catch (final HdfException e) {
			closeQuietly(hdf, channel);
			throw new InvalidInputException(file + " could not be read as HDF5 (damaged or unsupported): " + e
				.getMessage(), e);
		}
		catch (final IOException e) {
			closeQuietly(hdf, channel);
			throw new InvalidInputException("Cannot read " + file + ": " + AtomicOutput.reason(e), e);
		}
		catch (final RuntimeException e) {
			closeQuietly(hdf, channel);
			throw e;
		}
	}

	private static Dataset volume(final Path file, final HdfFile hdf, final String path) {
		final String name = file.getFileName().toString();
		if (path == null || path.isBlank()) {
			final Node dx = nodeOrNull(hdf, Hdf5Datasets.DXCHANGE);
			if (dx instanceof Dataset) return require3d(name, (Dataset) dx);
			final List<String> volumes = Hdf5Datasets.volumes(hdf);
			if (volumes.size() == 1) return (Dataset) hdf.getByPath(volumes.get(0));
			throw new InvalidInputException(name + (volumes.isEmpty() ? " holds no 3D dataset (z, y, x)"
				: " holds several 3D datasets (" + Hdf5Datasets.list(volumes) + "): choose one with dataset=PATH"));
		}
		final Node node = nodeOrNull(hdf, path);
		if (!(node instanceof Dataset)) throw new InvalidInputException(name + " has no dataset " + path +
			"; its 3D datasets: " + Hdf5Datasets.list(Hdf5Datasets.volumes(hdf)));
		return require3d(name, (Dataset) node);
	}

	private static Dataset require3d(final String name, final Dataset d) {
		final int[] dims = d.getDimensions();
		if (dims.length == 3) return d;
		final StringBuilder shape = new StringBuilder();
		for (final int n : dims)
			shape.append(shape.length() == 0 ? "" : "x").append(n);
		throw new InvalidInputException(name + ": " + d.getPath() + " is " + (dims.length == 2 ? "a 2D image (" +
			shape + ")" : "a " + dims.length + "D dataset (" + shape + ")") +
			"; a volume needs a 3D dataset (z, y, x)");
	}

	private static Node nodeOrNull(final HdfFile hdf, final String path) {
		try {
			return hdf.getByPath(path);
		}
		catch (final HdfException e) {
			return null;
		}
	}

	private void requireReadableType() {
		final int bits = dataset.getDataType().getSize() * 8;
		final boolean number = dataset.getDataType() instanceof FixedPoint || dataset
			.getDataType() instanceof FloatingPoint;
		final boolean ok = kind == RawPixels.Kind.FLOAT ? bits == 32 || bits == 64 : bits == 8 || bits == 16 ||
			bits == 32;
		if (!number || !ok) throw new InvalidInputException(file.getFileName() + ": " + dataset.getPath() +
			" holds " + (number ? bits + "-bit " + kind.name().toLowerCase() + " numbers" : "values of type " +
				dataset.getJavaType().getSimpleName()) +
			", which cannot be read: use 8-, 16- or 32-bit integers or 32- or 64-bit floats");
	}

	/** @return true if {@code file} starts with the HDF5 signature (no user block) */
	static boolean hasSignature(final Path file) {
		try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
			final ByteBuffer sig = ByteBuffer.allocate(SIGNATURE.length);
			ch.read(sig, 0);
			return Arrays.equals(sig.array(), SIGNATURE);
		}
		catch (final IOException e) {
			return false;
		}
	}

	/** Throws if the file ends before the end its superblock records (an incomplete copy). */
	private static void requireComplete(final Path file) {
		try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
			final long size = ch.size();
			// HDF5 looks for its signature at 0, 512, 1024, 2048, ... (after a user block)
			for (long at = 0; at + SIGNATURE.length <= size; at = at == 0 ? 512 : at * 2) {
				final ByteBuffer sig = ByteBuffer.allocate(SIGNATURE.length);
				ch.read(sig, at);
				if (!Arrays.equals(sig.array(), SIGNATURE)) continue;
				if (size < at + SMALLEST_SUPERBLOCK) throw Truncated.error(file, "its HDF5 superblock is incomplete");
				final Superblock superblock = Superblock.readSuperblock(ch, at);
				final long end = superblock.getBaseAddressByte() + superblock.getEndOfFileAddress();
				if (end > size) throw Truncated.error(file, "it ends at byte " + size + " but HDF5 says " + end);
				return;
			}
			throw new InvalidInputException(file + " is not an HDF5 file");
		}
		catch (final HdfException e) {
			throw Truncated.error(file, "its HDF5 superblock is incomplete");
		}
		catch (final IOException e) {
			throw new InvalidInputException("Cannot read " + file + ": " + AtomicOutput.reason(e), e);
		}
	}

	@Override
	public int size() {
		return dims[0];
	}

	@Override
	public long[] dimensions(final int index) {
		return new long[] { dims[2], dims[1] };
	}

	@Override
	public RandomAccessibleInterval<? extends RealType<?>> slice(final int index) {
		try {
			return RawPixels.image(planes.read(index), dims[2], dims[1], dataset.getDataType().getSize() * 8, kind,
				describe(index));
		}
		catch (final EOFException e) {
			throw Truncated.error(file, describe(index) + " ends beyond the end of the file");
		}
		catch (final IOException e) {
			throw new InvalidInputException("Cannot read " + describe(index) + ": " + AtomicOutput.reason(e), e);
		}
		catch (final HdfException e) {
			throw new InvalidInputException(describe(index) + " could not be read (damaged or unsupported HDF5): " + e
				.getMessage(), e);
		}
	}

	@Override
	public String describe(final int index) {
		return file.getFileName() + ":" + dataset.getPath() + (size() > 1 ? ", slice " + (index + 1) : "");
	}

	@Override
	public String name() {
		return "file " + file + ", dataset " + dataset.getPath();
	}

	/** @return the path of the dataset read, e.g. "/exchange/data" */
	public String datasetPath() {
		return dataset.getPath();
	}

	@Override
	public VoxelSize voxelSize() {
		return Hdf5Datasets.voxelSize(hdf, dataset);
	}

	@Override
	public Path path() {
		return file;
	}

	@Override
	public void close() {
		closeQuietly(hdf, channel);
	}

	private static void closeQuietly(final HdfFile hdf, final FileChannel channel) {
		if (hdf != null) hdf.close();
		try {
			if (channel != null) channel.close();
		}
		catch (final IOException e) {
			// a read-only file: nothing is lost
		}
	}
}
