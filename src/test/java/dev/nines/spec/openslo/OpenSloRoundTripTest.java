package dev.nines.spec.openslo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nines.model.Spec;
import dev.nines.spec.Problem;
import dev.nines.spec.Problems;
import dev.nines.spec.SpecReader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A native spec exported to OpenSLO and imported again, Nines-only parts carried in annotations. */
class OpenSloRoundTripTest {

  @Test
  void theLogisticsExampleSurvivesExportAndImportUnchanged() throws Exception {
    Spec spec = SpecReader.read(Path.of("examples/logistics.yaml")).spec();
    Problems problems = new Problems();
    String exported = OpenSloWriter.write(spec);
    Spec again = OpenSloReader.read(List.of(new OpenSloReader.Source("exported.yaml", exported)),
        problems);
    assertThat(problems.sorted()).noneMatch(p -> p.level() == Problem.Level.ERROR);
    assertThat(again.monitors()).isEqualTo(spec.monitors());
    assertThat(again.clients()).isEqualTo(spec.clients());
    assertThat(again.services()).isEqualTo(spec.services());
    assertThat(again.channels()).isEqualTo(spec.channels());
    assertThat(again.slos()).isEqualTo(spec.slos());
    assertThat(again).isEqualTo(spec);
  }

  @Test
  void theNinesOnlyPartsTravelInAnAnnotationOfTheFirstService() throws Exception {
    Spec spec = SpecReader.read(Path.of("examples/logistics.yaml")).spec();
    String exported = OpenSloWriter.write(spec);
    assertThat(exported).contains("nines.dev/spec: |").contains("kind: Service")
        .contains("platform-health");
  }

  @Test
  void aProblemInTheNinesSpecAnnotationPointsAtItsLineInTheFile() throws Exception {
    Spec spec = SpecReader.read(Path.of("examples/logistics.yaml")).spec();
    String exported = OpenSloWriter.write(spec).replace("interval: 30s", "interval: 0s");
    int line = (int) exported.substring(0, exported.indexOf("interval: 0s")).lines().count();
    int column = exported.lines().skip(line - 1).findFirst().orElseThrow().indexOf("0s") + 1;
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> OpenSloReader.read("x.yaml", exported))
        .isInstanceOf(dev.nines.spec.SpecException.class)
        .hasMessageContaining("x.yaml:" + line + ":" + column
            + ": metadata.annotations.nines.dev/spec.monitors[0].interval: ");
  }
}
