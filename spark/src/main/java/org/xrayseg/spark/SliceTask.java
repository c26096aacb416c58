package org.xrayseg.spark;

import java.io.Serializable;

/**
 * The work of one Spark task: some slices of one volume.
 *
 * @param volume the volume's number in the job (for the driver)
 * @param input the volume's path, the same on every node
 * @param dataset the HDF5 dataset, or null
 * @param volumeSize the number of slices the driver found in the whole volume
 * @param output the output folder (the slices go to its partial folder)
 * @param indices the 0-based slices to segment
 * @param names the label file of each slice
 * @param tta whether to average the predictions of the 8 flips and rotations of every slice (decided for the volume)
 */
public record SliceTask(int volume, String input, String dataset, int volumeSize, String output, int[] indices,
	String[] names, boolean tta) implements Serializable
{

	private static final long serialVersionUID = 2L;
}
