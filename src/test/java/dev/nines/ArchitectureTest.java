package dev.nines;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The core (model, slo, uptime) is pure: records in, records out, no I/O, no clock, no framework. */
class ArchitectureTest {
  private static final String[] CORE = {"dev.nines.model..", "dev.nines.slo..", "dev.nines.uptime.."};
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
    noClasses().that().resideInAnyPackage(CORE).should().dependOnClassesThat()
        .resideInAnyPackage("dev.nines.spec..", "dev.nines.cli..", "dev.nines.store..",
            "dev.nines.probe..", "dev.nines.web..", "dev.nines.ingest..", "dev.nines.bench..",
            "dev.nines.export..")
        .check(CORE_CLASSES);
  }
}
