package org.xrayseg.core.runtime;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.pytorch.jni.LibUtils;

import org.xrayseg.core.choice.Auto;
import org.xrayseg.core.error.InvalidInputException;
import org.xrayseg.core.error.SegmentationException;

/**
 * Starts DJL's PyTorch engine the same way in Fiji, the command line and tests:
 * offline (the CPU natives are bundled, nothing is downloaded), with this
 * plugin's class loader as the thread context loader (Fiji's threads have
 * another one, and DJL finds engines through it), and with gradient recording
 * switched off on threads that only infer (PyTorch's grad mode is per thread),
 * and with PyTorch's native warnings kept off the terminal ({@link NativeLogLevel}).
 * <p>
 * This package is the only user of PyTorch's own classes ({@code ai.djl.pytorch}):
 * what the rest of the plugin needs of them (threads, zeroing a gradient, the
 * TorchScript operations) it asks here, so that another engine or DJL version
 * changes this package alone.
 */
public final class DjlRuntime {

	public static final String ENGINE = "PyTorch";

	/** System property: true keeps PyTorch's native warnings on the terminal (for debugging). */
	public static final String SHOW_NATIVE_WARNINGS = "xrayseg.pytorch-warnings";

	private static boolean nativeLogQuiet;
	/** PyTorch's intra-op threads when the engine started (its default, or DJL's property), 0 before. */
	private static int defaultThreads;

	private DjlRuntime() {}

	/** @return the started engine */
	public static synchronized Engine engine() {
		if (System.getProperty("ai.djl.offline") == null) System.setProperty("ai.djl.offline", "true");
		final Thread thread = Thread.currentThread();
		final ClassLoader previous = thread.getContextClassLoader();
		thread.setContextClassLoader(DjlRuntime.class.getClassLoader());
		try {
			final Engine engine = Engine.getEngine(ENGINE);
			if (!nativeLogQuiet) {
				if (!Boolean.getBoolean(SHOW_NATIVE_WARNINGS)) NativeLogLevel.quietWarnings(c10());
				nativeLogQuiet = true;
			}
			if (defaultThreads == 0) {
				defaultThreads = Math.max(1, JniUtils.getNumThreads());
				CoreShare.prime();
			}
			return engine;
		}
		catch (final EngineException | IllegalArgumentException e) {
			throw new SegmentationException("The PyTorch engine could not start: " + e.getMessage(), e);
		}
		finally {
			thread.setContextClassLoader(previous);
		}
	}

	/** @return the file of PyTorch's c10 library that DJL loaded (with the engine) */
	static Path c10() {
		return Paths.get(LibUtils.getLibtorchPath()).resolve(System.mapLibraryName("c10"));
	}

	/**
	 * @param choice "auto" (a GPU if there is one, else the CPU), "cpu" or "gpu"
	 * @return the device to compute on
	 */
	public static Device device(final String choice) {
		final Engine engine = engine();
		final String c = Auto.word(choice);
		switch (c) {
			case "cpu":
				return Device.cpu();
			case "gpu":
				if (engine.getGpuCount() == 0) throw new InvalidInputException(
					"device=gpu but no GPU is usable here (this build has the CPU natives; see README, GPU): use device=auto or cpu");
				return Device.gpu();
			case Auto.KEY:
				return engine.getGpuCount() > 0 ? Device.gpu() : Device.cpu();
			default:
				throw new InvalidInputException("device must be auto, cpu or gpu, not '" + choice + "'");
		}
	}

	/** @return the intra-op threads PyTorch chose for this machine when it started (or DJL's property gave) */
	public static int defaultThreads() {
		engine();
		return defaultThreads;
	}

	/** @return the threads PyTorch computes one operation with on the calling thread (intra-op threads) */
	public static int threads() {
		engine();
		return JniUtils.getNumThreads();
	}

	/** @return true if the user set PyTorch's intra-op threads for this JVM (DJL's system property), which then win */
	public static boolean threadsConfigured() {
		return System.getProperty("ai.djl.pytorch.num_threads") != null;
	}

	/**
	 * Sets the threads PyTorch computes one operation with on the calling
	 * thread, and on threads that compute for the first time later (PyTorch's
	 * OpenMP keeps the count per thread; see {@link CoreShare}).
	 *
	 * @param threads at least 1
	 */
	public static void threads(final int threads) {
		engine();
		JniUtils.setNumThreads(Math.max(1, threads));
	}

	/**
	 * Sets the gradient of {@code w} to zero in place; multiplying it by zero would keep a NaN.
	 *
	 * @param w an array of this engine with a gradient
	 */
	public static void zeroGradient(final NDArray w) {
		JniUtils.zeroGrad((PtNDArray) w);
	}

	/** Stops PyTorch from recording gradients on the calling thread (inference only). */
	public static void inferenceOnThisThread() {
		engine();
		JniUtils.setGradMode(false);
	}
}
