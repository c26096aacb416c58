package org.xrayseg.core.infer;

import java.util.Locale;

import ai.djl.ndarray.types.DataType;

import org.xrayseg.core.choice.Auto;
import org.xrayseg.core.error.InvalidInputException;

/**
 * The number format inference computes in. bfloat16 keeps float32's range
 * with 8 bits of mantissa; processors with AVX512-BF16 or AMX (and GPUs)
 * compute it natively, several times faster than float32 for the
 * convolutions. The labels differ from float32's only where two classes are
 * almost equally likely.
 */
public enum Precision {

	/** bfloat16 where the processor or GPU computes it natively, else float32 (see {@link InferenceTuner#choose}) */
	AUTO,
	FLOAT32,
	BFLOAT16;

	/** The key's values, for help texts and choices. */
	public static final String[] KEYS = { Auto.KEY, "float32", "bfloat16" };

	/** @return the precision named by a key value (auto, float32, bfloat16) */
	public static Precision parse(final String key) {
		final String k = Auto.word(key);
		for (final Precision p : values())
			if (p.key().equals(k)) return p;
		throw new InvalidInputException("precision must be auto, float32 or bfloat16, not '" + key + "'");
	}

	/** @return the key value: auto, float32 or bfloat16 */
	public String key() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** @return the data type of weights and feature maps; none for {@link #AUTO} */
	public DataType dataType() {
		switch (this) {
			case FLOAT32:
				return DataType.FLOAT32;
			case BFLOAT16:
				return DataType.BFLOAT16;
			default:
				throw new IllegalStateException("precision=auto is resolved by measuring");
		}
	}
}
