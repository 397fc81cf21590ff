package dev.nines.uptime;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class UptimeArchitectureTest {
  private static final JavaClasses UPTIME = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.nines.uptime");

  @Test
  void theUptimeCoreUsesOnlyTheJavaPlatform() {
    noClasses().should().dependOnClassesThat()
        .resideOutsideOfPackages("java..", "dev.nines.uptime..")
        .check(UPTIME);
  }

  @Test
  void theUptimeCoreDoesNoIoAndReadsNoClock() {
    noClasses().should().dependOnClassesThat()
        .resideInAnyPackage("java.io..", "java.nio..", "java.net..", "java.sql..",
            "java.util.logging..")
        .orShould().dependOnClassesThat().areAssignableTo(Clock.class)
        .orShould().callMethod(Instant.class, "now")
        .orShould().callMethod(System.class, "currentTimeMillis")
        .orShould().callMethod(System.class, "nanoTime")
        .check(UPTIME);
  }
}
