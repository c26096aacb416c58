package org.xrayseg.core.filter;

/**
 * What a blur reads beyond the border of an image: the caller chooses, as
 * ImgLib2's Gauss3 keeps the kernel apart from the out-of-bounds view.
 */
public enum Edge {

	/** The image mirrored at its border pixels, which are not repeated (..., 2, 1, 0, 1, 2, ...). */
	MIRROR {

		@Override
		public int index(final int i, final int n) {
			if (n == 1) return 0;
			final int period = 2 * (n - 1);
			final int j = Math.floorMod(i, period);
			return j < n ? j : period - j;
		}
	},

	/** The border pixels repeated outwards (..., 0, 0, 0, 1, 2, ...). */
	CLAMP {

		@Override
		public int index(final int i, final int n) {
			return Math.max(0, Math.min(n - 1, i));
		}
	};

	/** @return the index within {@code 0 .. n - 1} that stands for position {@code i} of a line of {@code n} pixels */
	public abstract int index(int i, int n);
}
