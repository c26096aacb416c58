package org.xrayseg.core.runtime;

import java.util.Random;
import java.util.function.UnaryOperator;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import ai.djl.engine.StandardCapabilities;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.jni.IValue;
import ai.djl.pytorch.jni.IValueUtils;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PyTorch operations that DJL 0.36 does not reach, each run by a small
 * TorchScript module of its own ({@link TorchScriptModule}), so that one
 * failing leaves the other:
 * <ul>
 * <li>conversion to bfloat16: DJL knows bfloat16 as a Java type, but its
 * native side maps only the types up to complex64, and
 * {@code toType(DataType.BFLOAT16)} aborts the whole process (a C++
 * {@code throw;} with no exception). Once there are bfloat16 tensors, every
 * later operation stays in bfloat16, and {@code toType(FLOAT32)} converts
 * back;</li>
 * <li>oneDNN's convolution with the ReLU fused into it
 * ({@code mkldnn::_convolution_pointwise}, what PyTorch's own compiler uses on
 * CPUs): one pass over the feature map instead of two, and oneDNN's inference
 * kernels; about twice as fast as a convolution and a ReLU for the 16-channel
 * maps at full resolution. It is a private operation of PyTorch, so it is used
 * only where the engine has oneDNN (MKLDNN) and where, once per process, it
 * computes what DJL's convolution and ReLU compute on a small input.</li>
 * </ul>
 */
public final class TorchScriptOps {

	/** Largest difference to the unfused convolution allowed, relative to the largest output. */
	static final double TOLERANCE = 1e-4;

	private static final Logger LOG = LoggerFactory.getLogger(TorchScriptOps.class);

	/** ScalarType 15 is bfloat16. */
	private static final TorchScriptModule BFLOAT16 = new TorchScriptModule("BFloat16", "class BFloat16(Module):\n" +
		"  __parameters__ = []\n" +
		"  __buffers__ = []\n" +
		"  training : bool\n" +
		"  def forward(self: __torch__.BFloat16,\n" +
		"    x: Tensor) -> Tensor:\n" +
		"    return torch.to(x, 15)\n", "bfloat16 inference");

	private static final TorchScriptModule FUSED = new TorchScriptModule("FusedConvolution",
		"class FusedConvolution(Module):\n" +
			"  __parameters__ = []\n" +
			"  __buffers__ = []\n" +
			"  training : bool\n" +
			"  def forward(self: __torch__.FusedConvolution,\n" +
			"    x: Tensor, w: Tensor, b: Tensor, p: int, relu: bool) -> Tensor:\n" +
			"    attr = \"relu\" if relu else \"none\"\n" +
			"    return ops.mkldnn._convolution_pointwise(x, w, b, [p, p], [1, 1], [1, 1], 1, attr, " +
			"annotate(List[Optional[number]], []), None)\n", "Fused convolutions");

	/** Whether the fused convolution passed its check; null until checked. */
	private static Boolean fusedChecked;

	private TorchScriptOps() {}

	/** @return true if arrays can be converted to bfloat16 here */
	public static boolean bfloat16Available() {
		return BFLOAT16.loads();
	}

	/**
	 * @param x a float32 tensor (any layout)
	 * @return a bfloat16 copy with the same layout, attached to {@code x}'s manager
	 */
	public static NDArray toBFloat16(final NDArray x) {
		return toBFloat16(x, x.getManager());
	}

	/**
	 * The module runs as in training, not in PyTorch's inference mode: where
	 * gradients are recorded (a training step) and {@code x} requires them,
	 * autograd records the conversion, so that a bfloat16 copy's gradient
	 * reaches {@code x} as float32 (mixed-precision training computes with
	 * such copies of its float32 weights). DJL does not know bfloat16 as a type
	 * of its arrays ({@code getDataType()} says UNKNOWN), and a backward pass
	 * must start from a float32 loss.
	 *
	 * @param x a float32 tensor (any layout)
	 * @param manager the manager the copy is attached to (a step's, where {@code x} outlives the step)
	 * @return a bfloat16 copy with the same layout
	 */
	public static NDArray toBFloat16(final NDArray x, final NDManager manager) {
		final NDArray y = IValueUtils.forward(BFLOAT16.required(), new NDList(x), true).singletonOrThrow();
		y.attach(manager);
		return y;
	}

	/**
	 * @param x a bfloat16 map (N, C, H, W) of a training step
	 * @return {@code x} as float32, recorded by autograd: a float32 zero of the same rank added (type promotion;
	 *         DJL's {@code toType} from bfloat16 is not recorded)
	 */
	public static NDArray toFloat32(final NDArray x) {
		return x.add(x.getManager().zeros(new Shape(1, 1, 1, 1)));
	}

	/**
	 * @return true if {@link #convolution} may be asked for the fused convolution: the engine has oneDNN, the
	 *         module loads and its result matched the unfused one (checked once, on the first call)
	 */
	public static synchronized boolean fusedConvolutionAvailable() {
		if (fusedChecked == null) fusedChecked = checkFused(UnaryOperator.identity());
		return fusedChecked;
	}

	/**
	 * A 3x3 or 1x1 convolution with stride 1 and an optional ReLU.
	 *
	 * @param x (N, Cin, H, W), float32 or bfloat16; channels-last for the fused one
	 * @param weight (Cout, Cin, k, k) of x's type
	 * @param bias (Cout) of x's type
	 * @param fused oneDNN's convolution with the ReLU fused in (CPU, where {@link #fusedConvolutionAvailable()}),
	 *          else DJL's convolution and ReLU
	 * @return (N, Cout, H', W') of x's type (channels-last from the fused one), attached to {@code x}'s manager
	 * @throws EngineException where oneDNN cannot compute the fused one (bfloat16 without AVX-512)
	 */
	public static NDArray convolution(final NDArray x, final NDArray weight, final NDArray bias, final int padding,
		final boolean relu, final boolean fused)
	{
		if (fused) return fusedConvolution(x, weight, bias, padding, relu);
		final Shape one = new Shape(1, 1);
		final NDArray y = Conv2d.conv2d(x, weight, bias, one, new Shape(padding, padding), one, 1).singletonOrThrow();
		if (!relu) return y;
		final NDArray r = Activation.relu(y);
		y.close();
		return r;
	}

	private static NDArray fusedConvolution(final NDArray x, final NDArray weight, final NDArray bias,
		final int padding, final boolean relu)
	{
		final IValue[] in = { IValue.from((PtNDArray) x), IValue.from((PtNDArray) weight), IValue.from(
			(PtNDArray) bias), IValue.from((long) padding), IValue.from(relu) };
		try (IValue out = IValueUtils.runMethod(FUSED.required(), "forward", in)) {
			return out.toTensor((PtNDManager) x.getManager());
		}
		finally {
			for (final IValue v : in)
				v.close();
		}
	}

	/** Checks the fused convolution again, its output changed by {@code distortion} (tests: a mismatch). */
	static synchronized void recheckFused(final UnaryOperator<NDArray> distortion) {
		fusedChecked = checkFused(distortion);
	}

	/** @return true if the engine has oneDNN, the module loads and computes what the unfused convolution does */
	private static boolean checkFused(final UnaryOperator<NDArray> distortion) {
		final Engine engine = DjlRuntime.engine();
		if (!engine.hasCapability(StandardCapabilities.MKLDNN)) {
			LOG.debug("This PyTorch has no oneDNN (MKLDNN): convolutions run unfused");
			return false;
		}
		if (!FUSED.loads()) return false; // logged by the module
		try (NDManager m = engine.newBaseManager(Device.cpu())) {
			final Random random = new Random(1);
			final NDArray x = m.create(gaussian(random, 2 * 9 * 11 * 8), new Shape(2, 9, 11, 8)).transpose(0, 3, 1, 2);
			final NDArray w = m.create(gaussian(random, 8 * 8 * 3 * 3), new Shape(8, 8, 3, 3));
			final NDArray b = m.create(gaussian(random, 8));
			final NDArray plain = convolution(x, w, b, 1, true, false);
			final NDArray fused = distortion.apply(convolution(x, w, b, 1, true, true));
			final double scale = plain.abs().max().getFloat();
			final double difference = fused.sub(plain).abs().max().getFloat() / scale;
			if (difference <= TOLERANCE) {
				LOG.debug("oneDNN's fused convolution matches the unfused one ({} of the largest value)", (float) difference);
				return true;
			}
			LOG.warn("oneDNN's fused convolution differs from the unfused one by {} of the largest value on a test " +
				"input: convolutions run unfused", (float) difference);
			return false;
		}
		catch (final EngineException e) {
			LOG.warn("oneDNN's fused convolution failed on a test input ({}): convolutions run unfused", e
				.getMessage());
			return false;
		}
	}

	private static float[] gaussian(final Random random, final int n) {
		final float[] v = new float[n];
		for (int i = 0; i < n; i++)
			v[i] = (float) random.nextGaussian();
		return v;
	}
}
