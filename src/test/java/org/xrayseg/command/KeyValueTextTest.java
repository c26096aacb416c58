package org.xrayseg.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Keys typed as ImageJ macro options or as Fiji's --run arguments mean the same. */
class KeyValueTextTest {

	@Test
	void macroOptionsAndFijisRunFormGiveTheSameKeys() {
		final Map<String, String> expected = new LinkedHashMap<>();
		expected.put("model", "/data/my model.xrsm");
		expected.put("levels", "0,0.1");
		expected.put("overwrite", "true");
		assertEquals(expected, KeyValueText.parse("model=[/data/my model.xrsm] levels=0,0.1 overwrite"));
		assertEquals(expected, KeyValueText.parse("model='/data/my model.xrsm', levels='0,0.1', overwrite=true"));
		assertEquals(expected, KeyValueText.parse("model=\"/data/my model.xrsm\",levels=\"0,0.1\",overwrite=true"));
		assertEquals(Map.of("epochs", "2", "depth", "3"), KeyValueText.parse("epochs=2,depth=3"));
		assertEquals(Map.of("epochs", "2", "depth", "3"), KeyValueText.parse("epochs=2 depth=3"));
	}
}
