package org.xrayseg.core.infer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import ai.djl.Device;

import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.ShortArray;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.UnsignedShortType;

import org.junit.jupiter.api.Test;
import org.xrayseg.core.convert.Pixels;
import org.xrayseg.core.data.LabelCoding;
import org.xrayseg.core.data.Normalization;
import org.xrayseg.core.io.ImgSliceSource;
import org.xrayseg.core.model.ModelMetadata;
import org.xrayseg.core.model.NetworkSpec;
import org.xrayseg.core.model.SegmentationModel;
import org.xrayseg.core.progress.ProgressListener;
import org.xrayseg.core.runtime.DjlRuntime;

/**
 * Segmenting a part of a volume (as a task of a cluster job does) gives the
 * labels that segmenting the whole volume gives, also for a network that sees
 * neighbouring slices and a volume normalised by its own percentiles.
 */
class VolumePartTest {

	@Test
	void slicesInTheMiddleOfAVolumeGetTheWholeVolumesLabels() {
		final int w = 40;
		final int h = 32;
		final ArrayImg<UnsignedShortType, ShortArray> stack = ArrayImgs.unsignedShorts(w, h, 6);
		final Random random = new Random(3);
		final short[] data = stack.update(null).getCurrentStorageArray();
		for (int i = 0; i < data.length; i++)
			data[i] = (short) (1000 + (i / w % 16 < 8 ? 20000 : 0) + random.nextInt(3000));
		final ImgSliceSource volume = new ImgSliceSource(stack, "scan.tif");
		final NetworkSpec spec = NetworkSpec.unet(2, 16, 3).withContext(1);
		try (SegmentationModel model = SegmentationModel.create(ModelMetadata.create(spec, new LabelCoding(new int[] {
			0, 128, 255 }), new Normalization(Normalization.Mode.PER_IMAGE, 0, 65535), 32, null), Device.cpu()))
		{
			DjlRuntime.engine().setRandomSeed(1); // weights of varied labels, whichever tests ran before in this JVM
			model.initialize();
			final VolumeSegmenter segmenter = new VolumeSegmenter(model, 0, 0, 1, false, Precision.FLOAT32);
			final List<Img<? extends RealType<?>>> whole = new ArrayList<>();
			segmenter.run(volume, ProgressListener.NONE, (i, labels) -> whole.add(labels));
			final byte[] middle = (byte[]) Pixels.storage(whole.get(3));
			assertTrue(IntStream.range(0, middle.length).map(i -> middle[i]).distinct().count() > 1,
				"the labels vary, so that equal labels mean something");
			try (VolumeSegmenter.Part part = segmenter.open(volume, ProgressListener.NONE)) {
				for (final int i : new int[] { 3, 4, 5 })
					assertArrayEquals((byte[]) Pixels.storage(whole.get(i)), (byte[]) Pixels.storage(part.segment(i,
						ProgressListener.NONE)), "slice " + i);
			}
		}
	}
}
