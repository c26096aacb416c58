package org.xrayseg;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import org.junit.jupiter.api.Test;

/**
 * The package graph of the README's architecture section: dependencies run
 * one way, core knows nothing of ImageJ, SciJava or a UI, and every package
 * uses only the packages the README says it may.
 */
class ArchitectureTest {

	private static final JavaClasses CLASSES = new ClassFileImporter().withImportOption(
		ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.xrayseg");

	@Test
	void noPackageDependsOnItselfInACircle() {
		slices().matching("org.xrayseg.(**)").should().beFreeOfCycles().check(CLASSES);
	}

	@Test
	void coreUsesNeitherImageJNorSciJavaNorAUserInterface() {
		noClasses().that().resideInAPackage("org.xrayseg.core..").should().dependOnClassesThat().resideInAnyPackage(
			"ij..", "net.imagej..", "org.scijava..", "javax.swing..", "org.xrayseg.command..", "org.xrayseg.imagej1..",
			"org.xrayseg.cli..").check(CLASSES);
	}

	@Test
	void onlyTheRuntimeUsesPyTorchsOwnClasses() {
		noClasses().that().resideOutsideOfPackage("org.xrayseg.core.runtime..").should().dependOnClassesThat()
			.resideInAPackage("ai.djl.pytorch..").because("another engine or DJL version should change one package")
			.check(CLASSES);
	}

	@Test
	void everyPackageUsesOnlyThePackagesItMay() {
		layeredArchitecture().consideringOnlyDependenciesInLayers() //
			.layer("error").definedBy("org.xrayseg.core.error..") //
			.layer("choice").definedBy("org.xrayseg.core.choice..") //
			.layer("progress").definedBy("org.xrayseg.core.progress..") //
			.layer("convert").definedBy("org.xrayseg.core.convert..") //
			.layer("filter").definedBy("org.xrayseg.core.filter..") //
			.layer("io").definedBy("org.xrayseg.core.io..") //
			.layer("data").definedBy("org.xrayseg.core.data..") //
			.layer("runtime").definedBy("org.xrayseg.core.runtime..") //
			.layer("model").definedBy("org.xrayseg.core.model..") //
			.layer("loss").definedBy("org.xrayseg.core.loss..") //
			.layer("infer").definedBy("org.xrayseg.core.infer..") //
			.layer("report").definedBy("org.xrayseg.core.report..") //
			.layer("metrics").definedBy("org.xrayseg.core.metrics..") //
			.layer("baseline").definedBy("org.xrayseg.core.baseline..") //
			.layer("train").definedBy("org.xrayseg.core.train..") //
			.layer("compare").definedBy("org.xrayseg.core.compare..") //
			.layer("study").definedBy("org.xrayseg.core.study..") //
			.layer("annotate").definedBy("org.xrayseg.core.annotate..") //
			.layer("micro").definedBy("org.xrayseg.core.micro..") //
			.layer("command").definedBy("org.xrayseg.command..") //
			.layer("imagej1").definedBy("org.xrayseg.imagej1..") //
			.layer("cli").definedBy("org.xrayseg.cli..") //
			.layer("updatesite").definedBy("org.xrayseg.updatesite..") //
			.whereLayer("choice").mayOnlyAccessLayers("error") //
			.whereLayer("progress").mayOnlyAccessLayers("error") //
			.whereLayer("convert").mayOnlyAccessLayers("error") //
			.whereLayer("filter").mayNotAccessAnyLayer() //
			.whereLayer("io").mayOnlyAccessLayers("error", "convert") //
			.whereLayer("data").mayOnlyAccessLayers("error", "choice", "progress", "convert", "filter", "io") //
			.whereLayer("runtime").mayOnlyAccessLayers("error", "choice") //
			.whereLayer("runtime").mayOnlyBeAccessedByLayers("model", "infer", "train", "compare", "study") //
			.whereLayer("model").mayOnlyAccessLayers("error", "convert", "io", "data", "runtime") //
			.whereLayer("loss").mayOnlyAccessLayers("filter") //
			.whereLayer("infer").mayOnlyAccessLayers("error", "choice", "progress", "convert", "io", "data", "model",
				"runtime", "report") //
			.whereLayer("report").mayOnlyAccessLayers("io", "data", "model") //
			.whereLayer("metrics").mayOnlyAccessLayers("error", "progress", "convert", "io", "data", "model", "infer",
				"report") //
			.whereLayer("baseline").mayOnlyAccessLayers("data") //
			.whereLayer("train").mayOnlyAccessLayers("error", "choice", "progress", "filter", "io", "data", "model", "runtime", "loss",
				"infer", "metrics", "report") //
			.whereLayer("compare").mayOnlyAccessLayers("error", "progress", "io", "data", "model", "runtime", "metrics",
				"report", "baseline", "train") //
			.whereLayer("study").mayOnlyAccessLayers("error", "progress", "convert", "io", "data", "model", "runtime",
				"metrics", "report", "train") //
			.whereLayer("annotate").mayOnlyAccessLayers("error", "progress", "io", "data", "model", "infer", "train",
				"report") //
			.whereLayer("micro").mayOnlyAccessLayers("error", "progress", "convert", "io", "data", "report") //
			.whereLayer("command").mayOnlyBeAccessedByLayers("imagej1", "cli") //
			.whereLayer("imagej1").mayNotBeAccessedByAnyLayer() //
			.whereLayer("cli").mayNotBeAccessedByAnyLayer() //
			.whereLayer("updatesite").mayNotAccessAnyLayer() //
			.whereLayer("updatesite").mayNotBeAccessedByAnyLayer() //
			.check(CLASSES);
	}
}
