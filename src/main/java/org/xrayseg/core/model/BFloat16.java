package org.xrayseg.core.model;

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
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Conversion of float32 tensors to bfloat16. DJL 0.36's PyTorch binding knows
 * bfloat16 as a Java type but its native side maps only the types up to
 * complex64: {@code toType(DataType.BFLOAT16)} aborts the whole process (a C++
 * {@code throw;} with no exception). PyTorch itself converts, so the
 * conversion is done by a one-line TorchScript module, written here as the
 * archive {@code torch.jit.save} would write (its code, a pickled module
 * object, no weights) and loaded from memory. Once there are bfloat16 tensors,
 * every later operation (convolution, ReLU, pooling, concatenation,
 * interpolation) stays in bfloat16 by itself, and {@code toType(FLOAT32)}
 * converts back.
 */
final class BFloat16 {

	private static final Logger LOG = LoggerFactory.getLogger(BFloat16.class);

	/** The module: forward(x) = x.to(torch.bfloat16) (ScalarType 15), same layout. */
	private static final String CODE = "class Converter(Module):\n" +
		"  __parameters__ = []\n" +
		"  __buffers__ = []\n" +
		"  training : bool\n" +
		"  def forward(self: __torch__.Converter,\n" +
		"    x: Tensor) -> Tensor:\n" +
		"    return torch.to(x, 15)\n";

	private static PtSymbolBlock converter;
	private static boolean failed;

	private BFloat16() {}

	/** @return true if bfloat16 tensors can be made here (the converter loads) */
	static synchronized boolean available() {
		return module() != null;
	}

	/**
	 * @param x a float32 tensor (any layout)
	 * @return a bfloat16 copy with the same layout, attached to {@code x}'s manager
	 */
	static NDArray of(final NDArray x) {
		final PtSymbolBlock m = module();
		if (m == null) throw new EngineException("bfloat16 is not available: the converter module did not load");
		final NDList out = IValueUtils.forward(m, new NDList(x), false);
		final NDArray y = out.singletonOrThrow();
		y.attach(x.getManager());
		return y;
	}

	private static synchronized PtSymbolBlock module() {
		if (converter != null || failed) return converter;
		try {
			// a manager of its own, kept for the life of the process as the module is
			converter = JniUtils.loadModule((PtNDManager) DjlRuntime.engine().newBaseManager(), new ByteArrayInputStream(
				archive()), true, false);
		}
		catch (final IOException | RuntimeException e) {
			failed = true;
			LOG.warn("bfloat16 inference is not available: {}", e.getMessage());
		}
		return converter;
	}

	/** @return a TorchScript archive of the module (zip, stored entries, as torch.jit.save writes) */
	static byte[] archive() {
		final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
			stored(zip, "converter/version", "3\n".getBytes(StandardCharsets.US_ASCII));
			stored(zip, "converter/code/__torch__.py", CODE.getBytes(StandardCharsets.UTF_8));
			stored(zip, "converter/constants.pkl", new byte[] { (byte) 0x80, 2, ')', '.' });
			stored(zip, "converter/data.pkl", modulePickle());
		}
		catch (final IOException e) {
			throw new UncheckedIOException(e);
		}
		return bytes.toByteArray();
	}

	/** @return pickle protocol 2 of a __torch__.Converter object with training = False */
	private static byte[] modulePickle() {
		final ByteArrayOutputStream p = new ByteArrayOutputStream();
		p.write(0x80); // PROTO 2
		p.write(2);
		p.writeBytes("c__torch__\nConverter\n".getBytes(StandardCharsets.US_ASCII)); // GLOBAL
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
