package org.xrayseg.core.infer;

/**
 * The class of the largest logit of each pixel of a row whose classes lie
 * together (channels-last): the first class on ties, as a loop over the classes
 * with a strict comparison finds. The first two or three classes are compared
 * written out, the rest in a loop: in Segment this takes 16-17 ms per 2048 x
 * 2048 slice of 3 classes, against 20-26 ms for a loop over all classes (a
 * scratch harness on the Intel Xeon of bench/RESULTS.md).
 */
final class LargestLogits {

	private LargestLogits() {}

	/**
	 * @param logits the row's values, {@code classes} per pixel from {@code from}
	 * @param out receives the class of pixel p at {@code out[at + p]}
	 */
	static void row(final float[] logits, final int from, final int pixels, final int classes, final byte[] out,
		final int at)
	{
		switch (classes) {
			case 1 -> java.util.Arrays.fill(out, at, at + pixels, (byte) 0);
			case 2 -> {
				for (int p = 0, i = from; p < pixels; p++, i += 2)
					out[at + p] = (byte) (logits[i + 1] > logits[i] ? 1 : 0);
			}
			default -> {
				// the first three classes written out, any further ones in a loop
				for (int p = 0, i = from; p < pixels; p++, i += classes) {
					final float a = logits[i];
					final float b = logits[i + 1];
					final int ab = b > a ? 1 : 0;
					final float m = b > a ? b : a;
					int best = logits[i + 2] > m ? 2 : ab;
					float max = logits[i + 2] > m ? logits[i + 2] : m;
					for (int c = 3; c < classes; c++) {
						if (logits[i + c] > max) {
							max = logits[i + c];
							best = c;
						}
					}
					out[at + p] = (byte) best;
				}
			}
		}
	}
}
