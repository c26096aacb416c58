package org.xrayseg.core.runtime;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import ai.djl.engine.EngineException;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.JniUtils;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TorchScript module without weights, written here as the archive
 * {@code torch.jit.save} would write (its code and a pickled module object)
 * and loaded from memory the first time it is asked for. Each module loads or
 * fails by itself: an operation one PyTorch build lacks fails only the module
 * that calls it.
 */
final class TorchScriptModule {

	private static final Logger LOG = LoggerFactory.getLogger(TorchScriptModule.class);

	private final String name;
	private final String code;
	private final String what;
	private PtSymbolBlock module;
	private boolean failed;

	/**
	 * @param name the class name in {@code code}
	 * @param code the module's class ({@code __torch__.<name>}), as torch.jit.save writes it
	 * @param what what is lost if it does not load, for the log
	 */
	TorchScriptModule(final String name, final String code, final String what) {
		this.name = name;
		this.code = code;
		this.what = what;
	}

	/** @return true if the module loads here */
	boolean loads() {
		return module() != null;
	}

	/**
	 * @return the loaded module
	 * @throws EngineException if it did not load
	 */
	PtSymbolBlock required() {
		final PtSymbolBlock m = module();
		if (m == null) throw new EngineException("PyTorch's TorchScript module " + name + " did not load (see the log)");
		return m;
	}

	private synchronized PtSymbolBlock module() {
		if (module != null || failed) return module;
		try {
			// a manager of its own, kept for the life of the process as the module is
			module = JniUtils.loadModule((PtNDManager) DjlRuntime.engine().newBaseManager(), new ByteArrayInputStream(
				archive()), true, false);
		}
		catch (final IOException | RuntimeException e) {
			failed = true;
			LOG.warn("{} not available: {}", what, e.getMessage());
		}
		return module;
	}

	/** @return a TorchScript archive of the module (zip, stored entries, as torch.jit.save writes) */
	private byte[] archive() {
		final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		final String dir = name.toLowerCase(Locale.ROOT) + "/";
		try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
			stored(zip, dir + "version", "3\n".getBytes(StandardCharsets.US_ASCII));
			stored(zip, dir + "code/__torch__.py", code.getBytes(StandardCharsets.UTF_8));
			stored(zip, dir + "constants.pkl", new byte[] { (byte) 0x80, 2, ')', '.' });
			stored(zip, dir + "data.pkl", modulePickle());
		}
		catch (final IOException e) {
			throw new UncheckedIOException(e);
		}
		return bytes.toByteArray();
	}

	/** @return pickle protocol 2 of a __torch__.(name) object with training = False */
	private byte[] modulePickle() {
		final ByteArrayOutputStream p = new ByteArrayOutputStream();
		p.write(0x80); // PROTO 2
		p.write(2);
		p.writeBytes(("c__torch__\n" + name + "\n").getBytes(StandardCharsets.US_ASCII)); // GLOBAL
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
