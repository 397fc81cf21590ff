package dev.nines;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackages;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The shape of the code: the core (model, slo, uptime) is pure, records in and records out,
 * with no I/O, clock or framework; the model depends on nothing; the edges depend on the core
 * and never the other way round; and no two packages depend on each other, directly or
 * through others.
 */
class ArchitectureTest {
  private static final String[] CORE = {"dev.nines.model..", "dev.nines.slo..", "dev.nines.uptime.."};
  private static final JavaClasses ALL = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.nines");
  private static final JavaClasses CORE_CLASSES = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.nines.model", "dev.nines.slo", "dev.nines.uptime");

  @Test
  void coreDependsOnlyOnTheJavaPlatformAndItself() {
    String[] allowed = new String[CORE.length + 1];
    System.arraycopy(CORE, 0, allowed, 0, CORE.length);
    allowed[CORE.length] = "java..";
    noClasses().should().dependOnClassesThat().resideOutsideOfPackages(allowed)
        .check(CORE_CLASSES);
  }

  @Test
  void theModelDependsOnNothingButTheJavaPlatform() {
    noClasses().that().resideInAPackage("dev.nines.model..").should().dependOnClassesThat()
        .resideOutsideOfPackages("dev.nines.model..", "java..")
        .check(CORE_CLASSES);
  }

  @Test
  void coreDoesNoIoAndReadsNoClock() {
    noClasses().should().dependOnClassesThat()
        .resideInAnyPackage("java.io..", "java.nio..", "java.net..", "java.sql..",
            "java.util.logging..", "java.util.concurrent..")
        .orShould().dependOnClassesThat().areAssignableTo(Clock.class)
        .orShould().callMethod(Instant.class, "now")
        .orShould().callMethod(System.class, "currentTimeMillis")
        .orShould().callMethod(System.class, "nanoTime")
        .check(CORE_CLASSES);
  }

  @Test
  void edgesDependOnTheCoreNeverTheOtherWayRound() {
    noClasses().that().resideInAnyPackage(CORE).should().dependOnClassesThat(
        resideInAPackage("dev.nines..").and(resideOutsideOfPackages(CORE)))
        .check(CORE_CLASSES);
  }

  @Test
  void packagesAreFreeOfCycles() {
    slices().matching("dev.nines.(**)").should().beFreeOfCycles().check(ALL);
  }

  @Test
  void onlyTheCompositionRootAndTheCliKnowTheServer() {
    noClasses().that().resideOutsideOfPackages("dev.nines.server..", "dev.nines.cli..",
        "dev.nines.bench..", "dev.nines.demo..").should().dependOnClassesThat()
        .resideInAPackage("dev.nines.server..")
        .check(ALL);
  }
}
