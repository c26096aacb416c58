package org.xrayseg.core.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xrayseg.core.error.InvalidInputException;

/**
 * The threads of a job follow the cores other programs leave free: chosen
 * when the job starts, lowered when a program starts using cores (confirmed
 * by a second look), raised when it stops; fixed when the user says so.
 */
class CoreShareTest {

	private String property;

	@BeforeEach
	void followTheLoad() {
		property = System.getProperty(CoreShare.PROPERTY);
		System.clearProperty(CoreShare.PROPERTY); // the test JVM fixes the threads; these tests follow the load
	}

	@AfterEach
	void restore() {
		CoreShare.useMeter(null);
		CoreShare.limitThisThread(0);
		if (property == null) System.clearProperty(CoreShare.PROPERTY);
		else System.setProperty(CoreShare.PROPERTY, property);
		DjlRuntime.threads(DjlRuntime.defaultThreads());
	}

	@Test
	void theThreadsAreTheFreeCoresRounded() {
		assertEquals(2, CoreShare.choose(2, 2, 0.0));
		assertEquals(2, CoreShare.choose(2, 2, 0.3), "a light program leaves both");
		assertEquals(1, CoreShare.choose(2, 2, 1.0), "a busy program takes a core");
		assertEquals(1, CoreShare.choose(2, 2, 2.0), "never fewer than one");
		assertEquals(4, CoreShare.choose(4, 16, 3.0), "never more than the ceiling");
		assertEquals(5, CoreShare.choose(8, 8, 3.2));
		assertEquals(2, CoreShare.choose(2, 2, Double.NaN), "unknown: the ceiling");
	}

	@Test
	void whileWorkingTheDemandOfOthersIsTheirShareScaledToOurThreads() {
		// a program on one core shares it with one of our 2 threads: it gets half, and wants a whole
		assertEquals(0.67, CoreShare.demand(new CpuMeter.Interval(1, 2, 0.5, 1.5), 2), 0.01);
		// a program of 2 threads against our 2: each gets one core
		assertEquals(2.0, CoreShare.demand(new CpuMeter.Interval(1, 2, 1.0, 1.0), 2), 1e-9);
		// processors not saturated: others got what they wanted
		assertEquals(0.3, CoreShare.demand(new CpuMeter.Interval(1, 2, 0.3, 1.0), 2), 1e-9);
		assertEquals(0.02, CoreShare.demand(new CpuMeter.Interval(1, 2, 0.02, 1.98), 2), 1e-3, "quiet");
	}

	@Test
	void aJobsThreadsFollowTheFreeCores() {
		assumeTrue(DjlRuntime.defaultThreads() >= 2, "a processor with one core has nothing to choose");
		final int all = DjlRuntime.defaultThreads();
		final ScriptedMeter meter = new ScriptedMeter(all).then(0.0, 0.0) // quiet at the start
			.then(0.5, all - 0.5) // a program shares a core with one of ours: it wants a whole one
			.then(all - 1.0, 1.0) // still there: stay
			.then(0.0, 1.0); // gone: all cores again
		CoreShare.useMeter(meter);
		final CoreShare.Load start = CoreShare.start();
		assertEquals(all, start.threads());
		assertEquals(all, DjlRuntime.threads(), "PyTorch computes on this thread with the threads chosen");
		assertFalse(start.busy());
		assertEquals("", start.note());
		final CoreShare.Load busy = CoreShare.adjust();
		assertEquals(1, busy.threads());
		assertEquals(1, DjlRuntime.threads());
		assertTrue(busy.busy());
		assertTrue(busy.note().startsWith("machine busy: other programs want "), busy.note());
		assertTrue(busy.note().endsWith(" of " + all + " cores; 1 thread"), busy.note());
		assertEquals(1, CoreShare.adjust().threads());
		assertEquals(all, CoreShare.adjust().threads());
		assertEquals(all, DjlRuntime.threads());
		assertTrue(meter.used());
	}

	@Test
	void aJobJudgesFromTheTimeSinceTheLastLookWithoutWaiting() {
		assumeTrue(DjlRuntime.defaultThreads() >= 2);
		// since the engine started: the JVM loaded a model on one core, nobody else worked
		assertEquals(DjlRuntime.defaultThreads(), firstJobsThreads(0.02, 0.9));
		// the JVM got half a core while others kept both busy
		assertEquals(1, firstJobsThreads(1.5, 0.5));
	}

	/** @return the threads of a job that starts after the engine, others and the JVM having used so many cores */
	private static int firstJobsThreads(final double others, final double own) {
		final ScriptedMeter meter = new ScriptedMeter(2).then(others, own);
		CoreShare.useMeter(meter);
		CoreShare.prime();
		final long t0 = System.nanoTime();
		final int threads = CoreShare.start().threads();
		assertTrue(System.nanoTime() - t0 < CoreShare.WINDOW * 1e9, "no waiting");
		assertTrue(meter.used());
		return threads;
	}

	@Test
	void aShareThatEndsGivesTheThreadsBack() {
		assumeTrue(DjlRuntime.defaultThreads() >= 2);
		final int all = DjlRuntime.defaultThreads();
		// two jobs started at once: each sees the other take its share, both drop to one thread; one ends
		CoreShare.useMeter(new ScriptedMeter(all).then(0.0, 0.0).then(all / 2.0, all / 2.0).then(0.0, 1.0));
		CoreShare.start();
		assertEquals(1, CoreShare.adjust().threads());
		assertEquals(all, CoreShare.adjust().threads());
	}

	@Test
	void aSparkTaskStaysWithinItsCores() {
		assumeTrue(DjlRuntime.defaultThreads() >= 2);
		CoreShare.useMeter(new ScriptedMeter(DjlRuntime.defaultThreads()).then(0.0, 0.0));
		CoreShare.limitThisThread(1);
		assertEquals(1, CoreShare.start().threads());
	}

	@Test
	void aFixedCountIsKeptAndTheLoadStillReported() {
		System.setProperty(CoreShare.PROPERTY, "1");
		CoreShare.useMeter(new ScriptedMeter(2).then(0.0, 0.0).then(2.0, 0.0));
		assertEquals(1, CoreShare.start().threads());
		final CoreShare.Load load = CoreShare.adjust();
		assertEquals(1, load.threads());
		assertTrue(load.fixed());
		assertTrue(load.note().endsWith("1 thread (fixed)"), load.note());
		System.setProperty(CoreShare.PROPERTY, "all");
		CoreShare.useMeter(new ScriptedMeter(2).then(2.0, 0.0));
		assertEquals(DjlRuntime.defaultThreads(), CoreShare.start().threads());
	}

	@Test
	void aBadCountSaysWhatIsExpected() {
		System.setProperty(CoreShare.PROPERTY, "two");
		final InvalidInputException e = assertThrows(InvalidInputException.class, CoreShare::start);
		assertEquals("xrayseg.threads must be auto, all (PyTorch's default, fixed) or a number of threads of at " +
			"least 1, not 'two'", e.getMessage());
	}

	/** The operating system's counters: programs that keep every core busy leave one thread. */
	@Test
	void busyProgramsAreSeenAndLeaveOneThread() throws IOException, InterruptedException {
		assumeTrue(DjlRuntime.defaultThreads() >= 2);
		final CpuMeter meter = new CpuMeter();
		final List<Process> load = new ArrayList<>();
		try {
			for (int i = 0; i < meter.cores(); i++)
				load.add(new ProcessBuilder("sh", "-c", "while :; do :; done").start());
			Thread.sleep(300);
			final CpuMeter.Reading a = meter.read();
			Thread.sleep(300);
			final CpuMeter.Interval i = meter.between(a, meter.read());
			assertTrue(i.others() > meter.cores() - 0.5, "others " + i.others());
			assertTrue(i.own() < 0.5, "own " + i.own());
			final CoreShare.Load chosen = CoreShare.start();
			assertEquals(1, chosen.threads(), chosen.toString());
			assertTrue(chosen.busy());
		}
		finally {
			load.forEach(Process::destroyForcibly);
		}
	}

	@Test
	void aCpuListIsRead() {
		assertEquals("{0, 1, 2, 3, 8, 10, 11}", CpuMeter.cpuList("0-3,8,10-11").toString());
	}
}
