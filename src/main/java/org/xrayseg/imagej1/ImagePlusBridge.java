package org.xrayseg.imagej1;

import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.Calibration;
import ij.process.ByteProcessor;
import ij.process.ImageProcessor;
import ij.process.LUT;
import ij.process.ShortProcessor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.ArrayDataAccess;
import net.imglib2.img.basictypeaccess.array.ByteArray;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.img.basictypeaccess.array.ShortArray;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.img.planar.PlanarImgs;
import net.imglib2.type.numeric.RealType;

import org.xrayseg.core.convert.Pixels;
import org.xrayseg.core.error.InvalidInputException;
import org.xrayseg.core.report.Palette;

/**
 * ImagePlus to ImgLib2 and back without copying pixels: the slice arrays of an
 * ImageStack become the planes of a {@link PlanarImg} (x, y, z), and the
 * planes of a label image become the slices of an ImageStack.
 */
final class ImagePlusBridge {

	private ImagePlusBridge() {}

	/** @return the pixels of {@code imp} as a 2D image (one slice) or a 3D (x, y, z) image over the same arrays */
	static RandomAccessibleInterval<? extends RealType<?>> wrap(final ImagePlus imp) {
		if (imp.getBitDepth() == 24) throw new InvalidInputException(imp.getTitle() +
			" is an RGB image: convert it to 8-, 16- or 32-bit grey first (Image > Type)");
		if (imp.getNChannels() > 1 || imp.getNFrames() > 1 && imp.getNSlices() > 1) throw new InvalidInputException(
			imp.getTitle() + " has several channels or time points: keep one z-stack (Image > Duplicate)");
		final ImageStack stack = imp.getStack();
		final int w = imp.getWidth();
		final int h = imp.getHeight();
		final int n = stack.getSize();
		final Object first = stack.getPixels(1);
		if (n == 1) {
			if (first instanceof byte[]) return ArrayImgs.unsignedBytes((byte[]) first, w, h);
			if (first instanceof short[]) return ArrayImgs.unsignedShorts((short[]) first, w, h);
			return ArrayImgs.floats((float[]) first, w, h);
		}
		if (first instanceof byte[]) return planes(PlanarImgs.unsignedBytes(w, h, n), stack, p -> new ByteArray(
			(byte[]) p));
		if (first instanceof short[]) return planes(PlanarImgs.unsignedShorts(w, h, n), stack, p -> new ShortArray(
			(short[]) p));
		return planes(PlanarImgs.floats(w, h, n), stack, p -> new FloatArray((float[]) p));
	}

	private static <T extends RealType<T> & net.imglib2.type.NativeType<T>, A extends ArrayDataAccess<A>> PlanarImg<T, A>
		planes(final PlanarImg<T, A> img, final ImageStack stack, final java.util.function.Function<Object, A> access)
	{
		for (int z = 0; z < stack.getSize(); z++)
			img.setPlane(z, access.apply(stack.getPixels(z + 1)));
		return img;
	}

	/**
	 * @param labels a 2D image or a 3D {@link PlanarImg} of 8- or 16-bit label codes
	 * @param codes the label code of each phase, for the colours
	 * @return an ImagePlus over the same arrays, phases in distinct colours
	 */
	static ImagePlus labels(final RandomAccessibleInterval<? extends RealType<?>> labels, final String title,
		final Calibration calibration, final int[] codes)
	{
		final int w = (int) labels.dimension(0);
		final int h = (int) labels.dimension(1);
		final ImageStack stack = new ImageStack(w, h);
		if (labels.numDimensions() == 2) stack.addSlice(processor(Pixels.storage(labels), w, h));
		else {
			final PlanarImg<?, ?> planes = (PlanarImg<?, ?>) labels;
			for (int z = 0; z < planes.numSlices(); z++)
				stack.addSlice(processor(((ArrayDataAccess<?>) planes.getPlane(z)).getCurrentStorageArray(), w, h));
		}
		final ImagePlus imp = new ImagePlus(title, stack);
		if (calibration != null) imp.setCalibration(calibration.copy());
		if (imp.getBitDepth() == 8) imp.getProcessor().setLut(phaseLut(codes));
		else imp.setDisplayRange(0, codes[codes.length - 1]);
		return imp;
	}

	private static ImageProcessor processor(final Object pixels, final int w, final int h) {
		if (pixels instanceof byte[]) return new ByteProcessor(w, h, (byte[]) pixels);
		if (pixels instanceof short[]) return new ShortProcessor(w, h, (short[]) pixels, null);
		throw new IllegalArgumentException("Label images are 8- or 16-bit");
	}

	/** @return a LUT that shows each phase code in its own colour and other values in grey */
	static LUT phaseLut(final int[] codes) {
		final byte[] r = new byte[256];
		final byte[] g = new byte[256];
		final byte[] b = new byte[256];
		for (int v = 0; v < 256; v++)
			r[v] = g[v] = b[v] = (byte) v;
		for (int k = 0; k < codes.length; k++) {
			final int c = Palette.phase(k);
			if (codes[k] > 255) continue;
			r[codes[k]] = (byte) (c >> 16);
			g[codes[k]] = (byte) (c >> 8);
			b[codes[k]] = (byte) c;
		}
		return new LUT(r, g, b);
	}
}
