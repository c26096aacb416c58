package org.xrayseg.core.runtime;

import java.nio.file.Path;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

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
 * and a JVM cannot change its own environment. c10 built without glog (as
 * DJL's builds are) compares every message with a plain {@code int} that
 * libc10 exports, {@code FLAGS_caffe2_log_level}. It is found with JNA in the
 * very libc10 file DJL loaded, opened with {@code RTLD_NOLOAD}, so that no
 * other copy of the library is ever loaded or touched, and written only if it
 * holds a log level. Anything unexpected leaves it alone, with a debug line:
 * not Linux or macOS, that file not loaded, the symbol absent, a c10 that logs
 * through glog (glog reads the flag once, at start-up, so writing it would do
 * nothing), or a value that is no log level.
 */
final class NativeLogLevel {

	/** c10's levels: INFO 0, WARNING 1, ERROR 2, FATAL 3. */
	static final int ERROR = 2;

	private static final Logger LOG = LoggerFactory.getLogger(NativeLogLevel.class);
	private static final String SYMBOL = "FLAGS_caffe2_log_level";
	/** google::InitGoogleLogging(const char*): there where c10 logs through glog. */
	private static final String GLOG = "_ZN6google17InitGoogleLoggingEPKc";
	private static final int RTLD_LAZY = 1;

	private NativeLogLevel() {}

	/**
	 * Sets c10's log level to {@link #ERROR}.
	 *
	 * @param library the libc10 file that DJL loaded
	 * @return true if the level is now ERROR
	 */
	static boolean quietWarnings(final Path library) {
		try {
			final Pointer flag = flag(library);
			if (flag == null) return false;
			final int level = flag.getInt(0);
			if (level < 0 || level > 3) {
				LOG.debug("{} holds {}, not a log level: left alone", SYMBOL, level);
				return false;
			}
			if (level < ERROR) flag.setInt(0, ERROR);
			return true;
		}
		catch (final RuntimeException | LinkageError e) {
			LOG.debug("PyTorch's log level left as it is", e);
			return false;
		}
	}

	/**
	 * @param library the libc10 file that DJL loaded
	 * @return c10's log level, or -1 where it cannot be read
	 */
	static int current(final Path library) {
		try {
			final Pointer flag = flag(library);
			return flag == null ? -1 : flag.getInt(0);
		}
		catch (final RuntimeException | LinkageError e) {
			return -1;
		}
	}

	/** @return the address of the flag in {@code library} if it is loaded and logs without glog, else null */
	private static Pointer flag(final Path library) {
		final int noLoad = Platform.isLinux() ? 4 : Platform.isMac() ? 0x10 : 0;
		if (noLoad == 0) {
			LOG.debug("PyTorch's log level is set on Linux and macOS only: left alone");
			return null;
		}
		// dlopen, dlsym and dlclose as the JVM's own process sees them (libdl on older glibc, libc on newer)
		final NativeLibrary process = NativeLibrary.getProcess();
		final Pointer handle = process.getFunction("dlopen").invokePointer(new Object[] { library.toString(), noLoad |
			RTLD_LAZY });
		if (handle == null) {
			LOG.debug("{} is not loaded: PyTorch's log level left alone", library);
			return null;
		}
		try {
			final Function dlsym = process.getFunction("dlsym");
			if (dlsym.invokePointer(new Object[] { handle, GLOG }) != null) {
				LOG.debug("{} logs through glog, which reads {} only at start-up: left alone", library, SYMBOL);
				return null;
			}
			final Pointer flag = dlsym.invokePointer(new Object[] { handle, SYMBOL });
			if (flag == null) LOG.debug("{} has no {}: PyTorch's log level left alone", library, SYMBOL);
			return flag;
		}
		finally {
			// DJL's own reference keeps the library, and so the flag's address, in place
			process.getFunction("dlclose").invokeInt(new Object[] { handle });
		}
	}
}
