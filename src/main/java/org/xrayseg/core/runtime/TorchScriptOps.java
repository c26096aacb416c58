package org.xrayseg.core.runtime;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PyTorch operations that DJL 0.36 does not reach, run by a small TorchScript
 * module written here as the archive {@code torch.jit.save} would write (its
 * code and a pickled module object, no weights) and loaded from memory once:
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
 * maps at full resolution.</li>
 * </ul>
 */
public final class TorchScriptOps {

	private static final Logger LOG = LoggerFactory.getLogger(TorchScriptOps.class);

	/** The module's code: ScalarType 15 is bfloat16. */
	private static final String CODE = "class Ops(Module):\n" +
		"  __parameters__ = []\n" +
		"  __buffers__ = []\n" +
		"  training : bool\n" +
		"  def forward(self: __torch__.Ops,\n" +
		"    x: Tensor) -> Tensor:\n" +
		"    return torch.to(x, 15)\n" +
		"  def conv(self: __torch__.Ops,\n" +
		"    x: Tensor, w: Tensor, b: Tensor, p: int, relu: bool) -> Tensor:\n" +
		"    attr = \"relu\" if relu else \"none\"\n" +
		"    return ops.mkldnn._convolution_pointwise(x, w, b, [p, p], [1, 1], [1, 1], 1, attr, " +
		"annotate(List[Optional[number]], []), None)\n";

	private static PtSymbolBlock module;
	private static boolean failed;

	private TorchScriptOps() {}

	/** @return true if the module loads here */
	public static synchronized boolean available() {
		return module() != null;
	}

	/**
	 * @param x a float32 tensor (any layout)
	 * @return a bfloat16 copy with the same layout, attached to {@code x}'s manager
	 */
	public static NDArray toBFloat16(final NDArray x) {
		final NDList out = IValueUtils.forward(required(), new NDList(x), false);
		final NDArray y = out.singletonOrThrow();
		y.attach(x.getManager());
		return y;
	}

	/**
	 * A 3x3 or 1x1 convolution with stride 1 and an optional ReLU, on the CPU.
	 *
	 * @param x (N, Cin, H, W) channels-last, float32 or bfloat16
	 * @param weight (Cout, Cin, k, k) of x's type
	 * @param bias (Cout) of x's type
	 * @return (N, Cout, H', W') channels-last, attached to {@code x}'s manager
	 * @throws ai.djl.engine.EngineException where oneDNN cannot compute it (bfloat16 without AVX-512)
	 */
	public static NDArray convolution(final NDArray x, final NDArray weight, final NDArray bias, final int padding,
		final boolean relu)
	{
		final IValue[] in = { IValue.from((PtNDArray) x), IValue.from((PtNDArray) weight), IValue.from(
			(PtNDArray) bias), IValue.from((long) padding), IValue.from(relu) };
		try (IValue out = IValueUtils.runMethod(required(), "conv", in)) {
			return out.toTensor((PtNDManager) x.getManager());
		}
		finally {
			for (final IValue v : in)
				v.close();
		}
	}

	private static PtSymbolBlock required() {
		final PtSymbolBlock m = module();
		if (m == null) throw new EngineException("PyTorch's TorchScript operations did not load (see the log)");
		return m;
	}

	private static synchronized PtSymbolBlock module() {
		if (module != null || failed) return module;
		try {
			// a manager of its own, kept for the life of the process as the module is
			module = JniUtils.loadModule((PtNDManager) DjlRuntime.engine().newBaseManager(), new ByteArrayInputStream(
				archive()), true, false);
		}
		catch (final IOException | RuntimeException e) {
			failed = true;
			LOG.warn("bfloat16 and fused convolutions are not available: {}", e.getMessage());
		}
		return module;
	}

	/** @return a TorchScript archive of the module (zip, stored entries, as torch.jit.save writes) */
	static byte[] archive() {
		final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
			stored(zip, "ops/version", "3\n".getBytes(StandardCharsets.US_ASCII));
			stored(zip, "ops/code/__torch__.py", CODE.getBytes(StandardCharsets.UTF_8));
			stored(zip, "ops/constants.pkl", new byte[] { (byte) 0x80, 2, ')', '.' });
			stored(zip, "ops/data.pkl", modulePickle());
		}
		catch (final IOException e) {
			throw new UncheckedIOException(e);
		}
		return bytes.toByteArray();
	}

	/** @return pickle protocol 2 of a __torch__.Ops object with training = False */
	private static byte[] modulePickle() {
		final ByteArrayOutputStream p = new ByteArrayOutputStream();
		p.write(0x80); // PROTO 2
		p.write(2);
		p.writeBytes("c__torch__\nOps\n".getBytes(StandardCharsets.US_ASCII)); // GLOBAL
		p.write(')'); // EMPTY_TUPLE
		p.write(0x81); // NEWOBJ
		p.write('}'); // EMPTY_DICT
		p.write('('); // MARK
		final byte[] key = "training".getBytes(StandardCharsets.US_ASCII);
		p.write('X'); // BINUNICODE, 4-byte little-endian length
		p.write(key.length);
		p.write(0);
		p.write(0);
		p.write(0);
		p.writeBytes(key);
		p.write(0x89); // NEWFALSE
		p.write('u'); // SETITEMS
		p.write('b'); // BUILD
		p.write('.'); // STOP
		return p.toByteArray();
	}

	private static void stored(final ZipOutputStream zip, final String name, final byte[] data) throws IOException {
		final ZipEntry e = new ZipEntry(name);
		e.setMethod(ZipEntry.STORED);
		e.setSize(data.length);
		e.setCompressedSize(data.length);
		final CRC32 crc = new CRC32();
		crc.update(data);
		e.setCrc(crc.getValue());
		zip.putNextEntry(e);
		zip.write(data);
		zip.closeEntry();
	}
}
