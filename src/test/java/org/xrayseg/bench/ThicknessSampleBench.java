package org.xrayseg.bench;

import java.nio.file.Paths;
import java.util.Locale;

import org.xrayseg.core.io.SliceSource;
import org.xrayseg.core.io.SliceSources;
import org.xrayseg.core.micro.Region;
import org.xrayseg.core.micro.SliceLabelVolume;
import org.xrayseg.core.micro.thickness.LocalThickness;
import org.xrayseg.core.micro.thickness.ThicknessDistribution;
import org.xrayseg.core.micro.thickness.ThicknessSettings;
import org.xrayseg.core.progress.ProgressListener;

/**
 * How far the local thickness of a sample of blocks (what Analyze
 * Microstructure measures in regions over 2^27 voxels) lies from the exact
 * one: every block against one block in {@code every}, per phase.
 * <p>
 * Usage: ThicknessSampleBench LABELS CODE[,CODE...] EVERY[,EVERY...]
 */
public final class ThicknessSampleBench {

	public static void main(final String[] args) {
		try (SliceSource s = SliceSources.open(Paths.get(args[0]), null, null)) {
			final int[] size = SliceLabelVolume.sliceSize(s);
			final SliceLabelVolume volume = new SliceLabelVolume(s, Region.parse("", size[0], size[1], s.size()));
			for (final String code : args[1].split(","))
				for (final String every : ("1," + args[2]).split(",")) {
					final long t0 = System.nanoTime();
					final ThicknessDistribution d = LocalThickness.measure(volume, Integer.parseInt(code), 1, 1, 1,
						ThicknessSettings.defaults(), Integer.parseInt(every), ProgressListener.NONE);
					System.out.printf(Locale.ROOT, "code %s, one block in %s: %d voxels, mean %.3f, median %.3f, " +
						"capped %.4f (%.0f s)%n", code, every, d.voxels(), d.mean(), d.median(), d.cappedShare(), (System
							.nanoTime() - t0) / 1e9);
				}
		}
	}
}
