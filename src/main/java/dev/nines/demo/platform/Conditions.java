package dev.nines.demo.platform;

/**
 * What the platform's simulated parts ask about the faults in force: read on every request,
 * so a fault takes effect at once and ends at once.
 */
public interface Conditions {
  /** The share (0 to 1) of courier gateway calls that fail now. */
  double courierErrorRatio();

  /** Whether the shop answers slowly (2.4 to 3.6 s) now. */
  boolean shopSlow();

  /** Whether the courier partner's status feed lags by minutes now. */
  boolean trackingLagging();

  /** A platform without faults. */
  Conditions NORMAL = new Conditions() {
    @Override public double courierErrorRatio() {
      return 0;
    }

    @Override public boolean shopSlow() {
      return false;
    }

    @Override public boolean trackingLagging() {
      return false;
    }
  };
}
