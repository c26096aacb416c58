package org.xrayseg.core.runtime;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The level of PyTorch's own C++ logger (c10), raised from WARNING to ERROR so
 * that its warnings do not reach the user's terminal while its errors still do.
 * On processors that NNPACK does not know, PyTorch prints "Could not initialize
 * NNPACK! Reason: Unsupported hardware." at every small convolution of an
 * inference, dozens of times per run.
 * <p>
 * PyTorch reads {@code TORCH_CPP_LOG_LEVEL} only when its Python module starts,
 * and a JVM cannot change its own environment; the level is a plain {@code int}
 * in libc10 ({@code FLAGS_caffe2_log_level}). It is found through
 * {@code /proc/self/maps} and the library's ELF symbol table and written in
 * place, after checking that the address lies in a writable mapping of that
 * library and holds a log level. On anything but Linux, on Java 24 or newer
 * (which warns about the memory access used), or when anything looks
 * unexpected, nothing is changed.
 */
public final class NativeLogLevel {

	/** c10's levels: INFO 0, WARNING 1, ERROR 2, FATAL 3. */
	public static final int ERROR = 2;

	private static final Logger LOG = LoggerFactory.getLogger(NativeLogLevel.class);
	private static final String LIBRARY = "libc10.so";
	private static final String SYMBOL = "FLAGS_caffe2_log_level";
	private static final int SHT_DYNSYM = 11;
	private static final int PT_LOAD = 1;

	private NativeLogLevel() {}

	/**
	 * Sets c10's log level to {@link #ERROR} if libc10 is loaded in this process.
	 *
	 * @return true if the level is now ERROR
	 */
	public static boolean quietWarnings() {
		try {
			final long address = address();
			if (address == 0) return false;
			final int level = Memory.getInt(address);
			if (level < 0 || level > 3) {
				LOG.debug("{} holds {}, not a log level: left alone", SYMBOL, level);
				return false;
			}
			if (level < ERROR) Memory.putInt(address, ERROR);
			return true;
		}
		catch (final IOException | ReflectiveOperationException | RuntimeException e) {
			LOG.debug("PyTorch's log level left as it is", e);
			return false;
		}
	}

	/** @return c10's log level, or -1 where it cannot be read */
	public static int current() {
		try {
			final long address = address();
			return address == 0 ? -1 : Memory.getInt(address);
		}
		catch (final IOException | ReflectiveOperationException | RuntimeException e) {
			return -1;
		}
	}

	/** @return the address of the flag in this process, or 0 if libc10 is not loaded or not understood */
	private static long address() throws IOException {
		final Path maps = Paths.get("/proc/self/maps");
		if (Runtime.version().feature() >= 24 || !Files.isReadable(maps)) return 0;
		final List<String> lines = Files.readAllLines(maps, StandardCharsets.US_ASCII);
		String library = null;
		long loadStart = -1;
		for (final String line : lines) {
			final String[] f = line.trim().split("\\s+", 6);
			// the dynamic loader's mappings are private ('p'); a shared one would be a file mapped by someone else
			if (f.length == 6 && f[5].endsWith("/" + LIBRARY) && f[1].endsWith("p") && Long.parseLong(f[2], 16) == 0) {
				library = f[5];
				loadStart = Long.parseUnsignedLong(f[0].substring(0, f[0].indexOf('-')), 16);
				break;
			}
		}
		if (library == null) return 0;
		final long[] symbol = Elf.symbol(Paths.get(library), SYMBOL);
		if (symbol == null || symbol[1] != Integer.BYTES) return 0;
		final long address = loadStart - symbol[2] + symbol[0];
		for (final String line : lines) {
			final String[] f = line.trim().split("\\s+", 6);
			if (f.length < 6 || !f[5].equals(library) || !f[1].startsWith("rw") || !f[1].endsWith("p")) continue;
			final int dash = f[0].indexOf('-');
			final long start = Long.parseUnsignedLong(f[0].substring(0, dash), 16);
			final long end = Long.parseUnsignedLong(f[0].substring(dash + 1), 16);
			if (address >= start && address + Integer.BYTES <= end) return address;
		}
		return 0;
	}

	/** Reads and writes native memory through sun.misc.Unsafe. */
	private static final class Memory {

		static int getInt(final long address) throws ReflectiveOperationException {
			final Object unsafe = unsafe();
			return (Integer) unsafe.getClass().getMethod("getInt", long.class).invoke(unsafe, address);
		}

		static void putInt(final long address, final int value) throws ReflectiveOperationException {
			final Object unsafe = unsafe();
			unsafe.getClass().getMethod("putInt", long.class, int.class).invoke(unsafe, address, value);
		}

		private static Object unsafe() throws ReflectiveOperationException {
			final Field f = Class.forName("sun.misc.Unsafe").getDeclaredField("theUnsafe");
			f.setAccessible(true);
			return f.get(null);
		}
	}

	/** Just enough of ELF64 (little-endian) to find a dynamic symbol. */
	private static final class Elf {

		/** @return {value, size, virtual address of the load segment at file offset 0}, or null */
		static long[] symbol(final Path file, final String name) throws IOException {
			final ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
			if (b.getInt(0) != 0x464c457f || b.get(4) != 2 || b.get(5) != 1) return null; // ELF, 64-bit, LE
			final long base = firstLoadAddress(b);
			final long sections = b.getLong(0x28);
			final int entry = b.getShort(0x3A) & 0xffff;
			final int count = b.getShort(0x3C) & 0xffff;
			for (int i = 0; i < count; i++) {
				final int sh = (int) (sections + (long) i * entry);
				if (b.getInt(sh + 4) != SHT_DYNSYM) continue;
				final int strings = (int) (sections + (long) b.getInt(sh + 40) * entry);
				final long stringsOffset = b.getLong(strings + 24);
				final long offset = b.getLong(sh + 24);
				final long size = b.getLong(sh + 32);
				final long symbolSize = b.getLong(sh + 56);
				for (long s = offset; s + symbolSize <= offset + size; s += symbolSize) {
					if (matches(b, (int) (stringsOffset + (b.getInt((int) s) & 0xffffffffL)), name))
						return new long[] { b.getLong((int) s + 8), b.getLong((int) s + 16), base };
				}
			}
			return null;
		}

		private static long firstLoadAddress(final ByteBuffer b) {
			final long headers = b.getLong(0x20);
			final int entry = b.getShort(0x36) & 0xffff;
			final int count = b.getShort(0x38) & 0xffff;
			for (int i = 0; i < count; i++) {
				final int ph = (int) (headers + (long) i * entry);
				if (b.getInt(ph) == PT_LOAD && b.getLong(ph + 8) == 0) return b.getLong(ph + 16) & ~0xfffL;
			}
			return 0;
		}

		private static boolean matches(final ByteBuffer b, final int at, final String name) {
			for (int i = 0; i < name.length(); i++)
				if (b.get(at + i) != name.charAt(i)) return false;
			return b.get(at + name.length()) == 0;
		}
	}
}
