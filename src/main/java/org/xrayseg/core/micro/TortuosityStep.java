package org.xrayseg.core.micro;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.xrayseg.core.io.VoxelSize;
import org.xrayseg.core.micro.tortuosity.Convergence;
import org.xrayseg.core.micro.tortuosity.PhaseMask;
import org.xrayseg.core.micro.tortuosity.Tortuosity;
import org.xrayseg.core.micro.tortuosity.TortuosityResult;
import org.xrayseg.core.micro.volume.LabelVolume;
import org.xrayseg.core.progress.ProgressListener;

/**
 * The tortuosity factor of every phase in x, y and z: holds the region's
 * labels in memory (two bytes per voxel, and one for the mask of a phase) and
 * solves each phase and direction in turn.
 */
final class TortuosityStep {

	private TortuosityStep() {}

	/** Refuses, before any work, a region whose tortuosity does not fit in the free heap. */
	static void checkMemory(final LabelVolume volume, final ProgressListener progress) {
		final long own = 3 * volume.voxels();
		Tortuosity.checkMemory(volume.width(), volume.height(), volume.depth(), Tortuosity.freeHeap() - own);
		progress.message(String.format(Locale.ROOT, "Tortuosity of %d x %d x %d voxels: %.2f GB of memory",
			volume.width(), volume.height(), volume.depth(), (Tortuosity.bytesNeeded(volume.width(), volume.height(),
				volume.depth()) + own) / 1e9));
	}

	/** @return per label code, the results in x, y and z */
	static Map<Integer, TortuosityResult[]> solve(final LabelVolume volume, final int[] codes, final VoxelSize size,
		final boolean periodic, final ProgressListener progress)
	{
		final int n = volume.width() * volume.height();
		final int[] labels = new int[n];
		final short[] all = new short[(int) volume.voxels()];
		for (int z = 0; z < volume.depth(); z++) {
			progress.checkCancelled();
			progress.update("Tortuosity: reading slice " + (z + 1), 0, 1);
			volume.read(z, labels);
			for (int i = 0; i < n; i++)
				all[z * n + i] = (short) labels[i];
		}
		final Map<Integer, TortuosityResult[]> results = new TreeMap<>();
		final byte[] mask = new byte[all.length];
		for (int p = 0; p < codes.length; p++) {
			final short code = (short) codes[p];
			for (int i = 0; i < all.length; i++)
				mask[i] = (byte) (all[i] == code ? 1 : 0);
			final PhaseMask phase = new PhaseMask(mask, volume.width(), volume.height(), volume.depth(), size.x(), size
				.y(), size.z());
			final TortuosityResult[] xyz = new TortuosityResult[3];
			for (int d = 0; d < 3; d++) {
				xyz[d] = Tortuosity.compute(phase, d, periodic, Convergence.DEFAULT, progress.slice(1000L * (3 * p + d), 1000,
					3000L * codes.length));
				if (!xyz[d].converged()) progress.message("Tortuosity of code " + codes[p] + " in " + xyz[d].axis() +
					" did not converge in " + xyz[d].iterations() + " iterations (flux spread " + xyz[d].fluxSpread() + ")");
			}
			results.put(codes[p], xyz);
		}
		return results;
	}
}
