package org.xrayseg.spark;

import java.io.Serializable;
import java.util.List;

/**
 * What one task did.
 *
 * @param volume the volume's number in the job
 * @param segmented slices segmented and written by this task
 * @param reused slices already written by an earlier attempt or run
 * @param failures one line for each slice that is bad in itself (naming its file)
 * @param seconds the time spent reading, segmenting and writing slices
 */
public record TaskResult(int volume, int segmented, int reused, List<String> failures, double seconds)
	implements Serializable
{

	private static final long serialVersionUID = 1L;
}
