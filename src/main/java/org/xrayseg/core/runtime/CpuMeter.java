package org.xrayseg.core.runtime;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.BitSet;
import java.util.List;
import java.util.stream.Stream;

/**
 * Measures how much of the processors this JVM may run on it and other
 * programs use, from cumulative counters read at two moments. On Linux from
 * {@code /proc/stat}: the busy time of each CPU of the JVM's
 * {@code Cpus_allowed_list} (so a container or {@code taskset} counts only its
 * own CPUs), less this JVM's own CPU time. Elsewhere from the JVM's own view
 * of the system load. A reading costs well under a millisecond.
 */
public class CpuMeter {

	/** Linux's clock ticks per second in /proc/stat (USER_HZ, 100 on every architecture Linux runs PyTorch on). */
	private static final double TICKS = 100;
	private static final Path STAT = Paths.get("/proc/stat");
	private static final Path STATUS = Paths.get("/proc/self/status");

	/**
	 * Cumulative counters at one moment.
	 *
	 * @param nanos {@link System#nanoTime()}
	 * @param busySeconds CPU seconds the allowed processors were busy since boot (any program), NaN if unknown
	 * @param ownSeconds CPU seconds this JVM used
	 */
	public record Reading(long nanos, double busySeconds, double ownSeconds) {}

	/**
	 * The use of the processors over an interval, each a mean number of processors.
	 *
	 * @param seconds its length
	 * @param cores processors this JVM may run on
	 * @param others processors other programs used, NaN if unknown
	 * @param own processors this JVM used, NaN if unknown
	 */
	public record Interval(double seconds, int cores, double others, double own) {}

	private final BitSet allowed;
	private final int cores;

	/** The meter of this JVM: what the operating system tells it. */
	public CpuMeter() {
		allowed = linux() ? allowedCpus() : null;
		cores = allowed != null && !allowed.isEmpty() ? allowed.cardinality() : Runtime.getRuntime()
			.availableProcessors();
	}

	/** @return processors this JVM may run on */
	public int cores() {
		return cores;
	}

	/** @return the counters now */
	public Reading read() {
		final long now = System.nanoTime();
		final double own = ownCpuSeconds();
		if (allowed == null || allowed.isEmpty()) return new Reading(now, systemBusyFromJvm(now), own);
		return new Reading(now, busyOfAllowed(), own);
	}

	/** @return what other programs took between two readings ({@code a} the earlier) */
	public Interval between(final Reading a, final Reading b) {
		final double seconds = (b.nanos() - a.nanos()) / 1e9;
		if (seconds <= 0) return new Interval(0, cores, Double.NaN, Double.NaN);
		final double own = (b.ownSeconds() - a.ownSeconds()) / seconds;
		final double others = (b.busySeconds() - a.busySeconds()) / seconds - own;
		// the counters tick in hundredths of a second: keep within what is possible
		return new Interval(seconds, cores, Math.min(cores, Math.max(0, others)), Math.min(cores, Math.max(0, own)));
	}

	private static boolean linux() {
		return Files.isReadable(STAT) && Files.isReadable(STATUS);
	}

	/** @return the CPUs of {@code Cpus_allowed_list} (e.g. "0-3,8"), or null if it cannot be read */
	static BitSet allowedCpus() {
		try (Stream<String> lines = Files.lines(STATUS)) {
			return lines.filter(l -> l.startsWith("Cpus_allowed_list:")).findFirst().map(l -> cpuList(l.substring(l
				.indexOf(':') + 1).trim())).orElse(null);
		}
		catch (final IOException | RuntimeException e) {
			return null;
		}
	}

	/** @return the CPUs of a Linux CPU list such as "0-3,8,10-11" */
	static BitSet cpuList(final String list) {
		final BitSet out = new BitSet();
		for (final String part : list.split(",")) {
			if (part.isBlank()) continue;
			final String[] range = part.trim().split("-");
			final int from = Integer.parseInt(range[0]);
			out.set(from, (range.length > 1 ? Integer.parseInt(range[1]) : from) + 1);
		}
		return out;
	}

	/** @return busy CPU seconds of the allowed CPUs: user, nice, system, irq, softirq and steal time */
	private double busyOfAllowed() {
		try {
			final List<String> lines = Files.readAllLines(STAT);
			long ticks = 0;
			for (final String l : lines) {
				if (!l.startsWith("cpu") || l.length() < 4 || !Character.isDigit(l.charAt(3))) continue;
				final String[] f = l.trim().split("\\s+");
				if (!allowed.get(Integer.parseInt(f[0].substring(3)))) continue;
				for (final int field : new int[] { 1, 2, 3, 6, 7, 8 })
					if (field < f.length) ticks += Long.parseLong(f[field]);
			}
			return ticks / TICKS;
		}
		catch (final IOException | RuntimeException e) {
			return Double.NaN;
		}
	}

	private static double ownCpuSeconds() {
		if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
			final long ns = os.getProcessCpuTime();
			if (ns >= 0) return ns / 1e9;
		}
		return Double.NaN;
	}

	private static long lastJvmRead = System.nanoTime();
	private static double jvmBusySeconds;

	/**
	 * @return busy CPU seconds of the whole system as the JVM reports its load
	 *         (the mean since the JVM's previous look), summed into a counter
	 */
	private static synchronized double systemBusyFromJvm(final long now) {
		if (!(ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os))
			return Double.NaN;
		final double load = os.getCpuLoad();
		if (load < 0) return Double.NaN;
		jvmBusySeconds += load * Runtime.getRuntime().availableProcessors() * (now - lastJvmRead) / 1e9;
		lastJvmRead = now;
		return jvmBusySeconds;
	}
}
