package org.xrayseg.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.scijava.Context;
import org.scijava.app.StatusService;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandService;
import org.scijava.log.LogService;
import org.scijava.module.ModuleService;
import org.xrayseg.core.error.InvalidInputException;

/** Options of earlier versions, as recorded macros and scripts give them, where a checkbox became a choice. */
class EarlierValuesTest {

	private static Context context;

	@BeforeAll
	static void start() {
		context = new Context(CommandService.class, ModuleService.class, StatusService.class, LogService.class);
	}

	@AfterAll
	static void stop() {
		context.dispose();
	}

	private static Object intensityAugmentation(final String macroOptions) {
		final CommandInfo info = context.service(CommandService.class).getCommands().stream().filter(i -> "train-unet"
			.equals(i.getName())).findFirst().orElseThrow();
		final Map<String, Object> values = CommandParameters.parse(info, context.service(ModuleService.class)
			.createModule(info), KeyValueText.parseMacro("images=a labels=b model=m.xrsm " + macroOptions), false);
		return values.get("intensity_augmentation");
	}

	@Test
	void theIntensityAugmentationCheckboxOfEarlierMacrosReadsAsAllOrNone() {
		assertEquals("all", intensityAugmentation("intensity_augmentation"), "a ticked box, as ImageJ records it");
		assertEquals("all", intensityAugmentation("intensity_augmentation=true"));
		assertEquals("none", intensityAugmentation("intensity_augmentation=false"));
		assertEquals("noise", intensityAugmentation("intensity_augmentation=noise"));
		assertEquals(null, intensityAugmentation(""), "not given: the command's default");
		assertEquals("intensity_augmentation must be one of noise, all, none, not 'gamma'", assertThrows(
			InvalidInputException.class, () -> intensityAugmentation("intensity_augmentation=gamma")).getMessage());
	}
}
