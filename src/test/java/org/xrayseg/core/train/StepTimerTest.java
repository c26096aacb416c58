package org.xrayseg.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xrayseg.TestData;
import org.xrayseg.core.model.NetworkSpec;
import org.xrayseg.core.runtime.CoreShare;
import org.xrayseg.core.runtime.ScriptedMeter;

/** The time of a training step is kept for later plans only when measured on a machine nobody else used. */
class StepTimerTest {

	@AfterEach
	void realMeter() {
		CoreShare.useMeter(null);
	}

	@Test
	void aStepTimedOnABusyMachineServesOnePlanAndIsNotKept() {
		final String kind = "step-timer-test " + System.nanoTime(); // not in the cache of earlier runs
		final NetworkSpec spec = NetworkSpec.unet(2, 16, 3);
		final TrainingOptions o = TestData.tinyOptions(1, 1);
		// each call: the job's start, then the measurement
		CoreShare.useMeter(new ScriptedMeter(2).then(0, 0).then(2.0, 0.0).then(0, 0).then(0.0, 2.0).then(0, 0));
		assertEquals(0.5, StepTimer.secondsPerStep(kind, spec, o, () -> 0.5), "measured while busy");
		assertEquals(0.2, StepTimer.secondsPerStep(kind, spec, o, () -> 0.2), "not kept: measured again, quietly");
		assertEquals(0.2, StepTimer.secondsPerStep(kind, spec, o, () -> 9.0), "kept");
	}
}
