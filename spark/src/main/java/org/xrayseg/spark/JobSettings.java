package org.xrayseg.spark;

import java.io.File;
import java.io.Serializable;

import org.xrayseg.core.infer.Precision;
import org.xrayseg.core.infer.TestTimeAugmentation;

/**
 * What every task of a job needs besides its slices: the model and how to
 * segment (as the "segment" command's keys), shipped to the executors.
 *
 * @param model the model file, at the same path on every node (a shared file system)
 * @param tileSize largest tile side in pixels (0: whole slice; -1: chosen by the driver as segment chooses it)
 * @param tileBatch tiles per forward pass
 * @param overlap pixels shared by neighbouring tiles
 * @param device "auto", "cpu" or "gpu"
 * @param tta test-time augmentation (8 symmetries of every slice): true, false, or auto (decided by the driver
 *          for each volume, see {@link SliceTask#tta()})
 * @param precision float32, bfloat16, or auto (chosen by the driver)
 * @param overwrite segment again volumes whose output exists, and replace it
 * @param slicesPerTask slices that one task segments
 * @param quality write each volume's quality estimate (Segment's quality=) beside its output
 */
public record JobSettings(File model, int tileSize, int tileBatch, int overlap, String device,
	TestTimeAugmentation tta, Precision precision, boolean overwrite, int slicesPerTask, boolean quality)
	implements Serializable
{

	/** Default slices per task: about a minute of work for 2048 x 2048 slices on one core. */
	public static final int SLICES_PER_TASK = 8;

	private static final long serialVersionUID = 4L;

	/** @return these settings with the tile, batch and precision that inference uses */
	JobSettings with(final int tile, final int batch, final Precision p) {
		return new JobSettings(model, tile, batch, overlap, device, tta, p, overwrite, slicesPerTask, quality);
	}
}
