package org.xrayseg.core.io;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.RealType;
import net.imglib2.view.Views;

import org.xrayseg.core.error.InvalidInputException;

/**
 * Slices of an image in memory: a 2D image is one slice, a 3D image (x, y, z)
 * is a stack of slices along z. Planes of a {@link PlanarImg} are handed out
 * as they are (no copy).
 */
public final class ImgSliceSource implements SliceSource {

	private final RandomAccessibleInterval<? extends RealType<?>> image;
	private final String name;

	/**
	 * @param image a 2D (x, y) or 3D (x, y, z) grey image
	 * @param name what a user calls it, e.g. the image title
	 */
	public ImgSliceSource(final RandomAccessibleInterval<? extends RealType<?>> image, final String name) {
		if (image.numDimensions() < 2 || image.numDimensions() > 3) throw new InvalidInputException(name +
			" has " + image.numDimensions() + " dimensions; expected a 2D image or a 3D stack");
		this.image = image;
		this.name = name;
	}

	@Override
	public int size() {
		return image.numDimensions() == 2 ? 1 : (int) image.dimension(2);
	}

	@Override
	public long[] dimensions(final int index) {
		return new long[] { image.dimension(0), image.dimension(1) };
	}

	@Override
	@SuppressWarnings({ "rawtypes", "unchecked" })
	public RandomAccessibleInterval<? extends RealType<?>> slice(final int index) {
		if (image.numDimensions() == 2) return image;
		if (image instanceof PlanarImg && image.min(2) == 0) return PlanarSlices.plane((PlanarImg) image, index);
		return Views.zeroMin(Views.hyperSlice((RandomAccessibleInterval) image, 2, image.min(2) + index));
	}

	@Override
	public String describe(final int index) {
		return size() > 1 ? name + ", slice " + (index + 1) : name;
	}

	@Override
	public String name() {
		return name;
	}
}
