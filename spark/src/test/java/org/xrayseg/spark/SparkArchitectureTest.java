package org.xrayseg.spark;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import org.junit.jupiter.api.Test;

/**
 * The Spark job's place in the README's architecture section: of the plugin it
 * uses only the core and the command package (the commands' keys, the runner's
 * exit codes), never the command line or the ImageJ bridge, and no ImageJ or
 * user interface.
 */
class SparkArchitectureTest {

	private static final JavaClasses CLASSES = new ClassFileImporter().withImportOption(
		ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.xrayseg.spark");

	@Test
	void ofThePluginTheJobUsesOnlyCoreAndTheCommands() {
		classes().that().resideInAPackage("org.xrayseg.spark..").should().onlyDependOnClassesThat(resideInAnyPackage(
			"org.xrayseg.spark..", "org.xrayseg.core..", "org.xrayseg.command..").or(not(resideInAPackage(
				"org.xrayseg..")))).check(CLASSES);
	}

	@Test
	void theJobUsesNeitherImageJNorAUserInterface() {
		noClasses().that().resideInAPackage("org.xrayseg.spark..").should().dependOnClassesThat().resideInAnyPackage(
			"ij..", "net.imagej..", "javax.swing..", "java.awt..").check(CLASSES);
	}
}
