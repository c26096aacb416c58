package org.xrayseg.core.infer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The processor this runs on, as far as inference speed depends on it: model
 * name and instruction-set flags (from /proc/cpuinfo on Linux; elsewhere only
 * the architecture and core count are known).
 */
public record CpuInfo(String model, Set<String> flags, int cores) {

	/** The flags that decide which convolution kernels PyTorch (oneDNN) can use. */
	private static final List<String> RELEVANT = List.of("avx2", "fma", "avx512f", "avx512bw", "avx512_vnni",
		"avx512_bf16", "avx512_fp16", "amx_tile", "amx_bf16");

	/** @return this machine's processor */
	public static CpuInfo current() {
		return parse(Paths.get("/proc/cpuinfo"));
	}

	static CpuInfo parse(final Path cpuinfo) {
		final int cores = Runtime.getRuntime().availableProcessors();
		String model = System.getProperty("os.arch");
		final Set<String> flags = new TreeSet<>();
		try {
			for (final String line : Files.readAllLines(cpuinfo, StandardCharsets.UTF_8)) {
				final int colon = line.indexOf(':');
				if (colon < 0) continue;
				final String key = line.substring(0, colon).trim();
				final String value = line.substring(colon + 1).trim();
				if (key.equals("model name") && !value.isEmpty()) model = value;
				else if (key.equals("flags") && flags.isEmpty()) flags.addAll(List.of(value.split("\\s+")));
			}
		}
		catch (final IOException | RuntimeException e) {
			// not Linux, or not readable: no flags known
		}
		return new CpuInfo(model, flags, cores);
	}

	/**
	 * @return true where the flags say the processor computes bfloat16 natively
	 *         (AVX512-BF16 or AMX), false where they do not or are unknown
	 */
	public boolean bfloat16() {
		return flags.contains("avx512_bf16") || flags.contains("amx_bf16");
	}

	/** @return e.g. "Intel(R) Xeon(R) Processor, 2 cores, avx2 fma avx512f ... amx_bf16" */
	public String describe() {
		final String shown = RELEVANT.stream().filter(flags::contains).collect(Collectors.joining(" "));
		return model + ", " + cores + " cores" + (flags.isEmpty() ? "" : ", " + (shown.isEmpty() ? "none of " +
			String.join(" ", RELEVANT) : shown));
	}

	/** @return what identifies this processor for cached measurements: model, cores and all flags */
	public String key() {
		return model + ", " + cores + " cores, flags " + Integer.toHexString(String.join(" ", flags).hashCode());
	}
}
