package dev.nines.demo.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EndpointsTest {
  @ParameterizedTest(name = "{0} is endpoint {1}")
  @CsvSource({
      "/track-delivery/TRK-500123, /track-delivery",
      "/fetch-orders?limit=5, /fetch-orders",
      "/healthz/deep, /healthz/deep",
      "/track-delivery, /track-delivery",
      "'', /"})
  void aRequestPathIsReportedAsTheEndpointTheSpecNames(String path, String endpoint) {
    assertThat(Endpoints.of(path)).isEqualTo(endpoint);
  }
}
