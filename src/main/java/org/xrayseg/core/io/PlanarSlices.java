package org.xrayseg.core.io;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.basictypeaccess.array.ArrayDataAccess;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.NativeType;
import net.imglib2.type.numeric.RealType;
import net.imglib2.view.Views;

/** Views one plane of a {@link PlanarImg} as a 2D {@link ArrayImg} over the same array. */
final class PlanarSlices {

	private PlanarSlices() {}

	@SuppressWarnings({ "rawtypes", "unchecked" })
	static <T extends NativeType<T> & RealType<T>> RandomAccessibleInterval<T> plane(final PlanarImg<T, ?> img,
		final int z)
	{
		final Object plane = img.getPlane(z);
		if (!(plane instanceof ArrayDataAccess)) return Views.zeroMin(Views.hyperSlice(img, 2, z));
		final ArrayImg<T, ?> out = new ArrayImg(plane, new long[] { img.dimension(0), img.dimension(1) }, img
			.getType().getEntitiesPerPixel());
		out.setLinkedType((T) img.getType().getNativeTypeFactory().createLinkedType((ArrayImg) out));
		return out;
	}
}
