package org.xrayseg.bench;

import ai.djl.Device;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.integer.UnsignedShortType;

import org.xrayseg.core.data.LabelCoding;
import org.xrayseg.core.data.Normalization;
import org.xrayseg.core.data.SyntheticVolume;
import org.xrayseg.core.model.ModelMetadata;
import org.xrayseg.core.model.NetworkSpec;
import org.xrayseg.core.model.SegmentationModel;
import org.xrayseg.core.train.Pix2PixOptions;

/** The networks and data the benchmarks run on: default sizes, random weights, synthetic slices. */
final class BenchModels {

	static final NetworkSpec UNET = NetworkSpec.unet(4, 16, 3);
	/** The U-Net the plan chooses where the training data are many (Planner.WIDE_FILTERS). */
	static final NetworkSpec UNET_WIDE = NetworkSpec.unet(4, 32, 3);
	static final NetworkSpec PIX2PIX = NetworkSpec.pix2pix(4, 16, 3, Pix2PixOptions.RESIDUAL_BLOCKS,
		Pix2PixOptions.DROPOUT);

	private BenchModels() {}

	/** @return a network with random weights, as fast as a trained one */
	static SegmentationModel model(final NetworkSpec spec) {
		return model(spec, new LabelCoding(0, 128, 255));
	}

	/** @return a network with random weights whose phases have {@code coding}'s codes */
	static SegmentationModel model(final NetworkSpec spec, final LabelCoding coding) {
		final SegmentationModel m = SegmentationModel.create(ModelMetadata.create(spec, coding, new Normalization(0,
			65535), 128, null), Device.cpu());
		m.initialize();
		return m;
	}

	/** @return a 16-bit slice of the synthetic microstructure, {@code side} pixels square */
	static Img<UnsignedShortType> slice(final int side, final long seed) {
		return stack(side, seed, 1);
	}

	/** @return {@code depth} copies of {@link #slice}, a volume (x, y, z) */
	static Img<UnsignedShortType> stack(final int side, final long seed, final int depth) {
		final short[] one = SyntheticVolume.generate(1, side, side, seed).images()[0];
		if (depth == 1) return ArrayImgs.unsignedShorts(one, side, side);
		final short[] all = new short[one.length * depth];
		for (int z = 0; z < depth; z++)
			System.arraycopy(one, 0, all, z * one.length, one.length);
		return ArrayImgs.unsignedShorts(all, side, side, depth);
	}
}
