package dev.nines.web.console;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven through chromedriver (Selenium), with screenshots saved
 * under {@code target/screenshots}. Without the browser the tests fail under {@code CI=true}
 * and are skipped elsewhere, saying how to install it.
 */
public final class Browser implements AutoCloseable {
  public static final Path SHOTS = Path.of("target/screenshots");
  public final ChromeDriver driver;

  private Browser(ChromeDriver driver) {
    this.driver = driver;
  }

  /** Starts a browser, or fails (CI) or skips (elsewhere) when none is installed. */
  public static Browser start() {
    String chromium = env("NINES_CHROMIUM", "/usr/bin/chromium");
    String chromedriver = env("NINES_CHROMEDRIVER", "/usr/bin/chromedriver");
    if (!Files.isExecutable(Path.of(chromium)) || !Files.isExecutable(Path.of(chromedriver))) {
      String why = "no headless browser: " + chromium + " or " + chromedriver + " is missing. "
          + "Run scripts/install-test-packages.sh";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        Assertions.fail(why);
      }
      Assumptions.abort(why);
    }
    ChromeOptions o = new ChromeOptions();
    o.setBinary(chromium);
    o.addArguments("--headless", "--no-sandbox", "--disable-gpu",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run", "--disable-dev-shm-usage", "--window-size=1400,1000");
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(chromedriver)).usingAnyFreePort().build();
    ChromeDriver d = new ChromeDriver(service, o);
    d.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    return new Browser(d);
  }

  private static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : v;
  }

  /** Saves a screenshot of the whole page as {@code target/screenshots/NAME.png}. */
  public void shot(String name) {
    Number height = (Number) driver.executeScript(
        "return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight)");
    driver.manage().window().setSize(new Dimension(1400, Math.min(4000,
        Math.max(900, height.intValue() + 40))));
    try {
      Files.createDirectories(SHOTS);
      Files.write(SHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    driver.manage().window().setSize(new Dimension(1400, 1000));
  }

  /**
   * Saves a screenshot at a phone's width (390 CSS pixels) as {@code NAME.png} and leaves the
   * window that narrow, so a test can check the layout there.
   */
  void phone(String name) {
    driver.manage().window().setSize(new Dimension(390, 844));
    Number height = (Number) driver.executeScript(
        "return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight)");
    driver.manage().window().setSize(new Dimension(390, Math.min(4000,
        Math.max(844, height.intValue() + 40))));
    try {
      Files.createDirectories(SHOTS);
      Files.write(SHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits up to five seconds for {@code condition}. */
  public static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long until = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (!holds(condition)) {
      if (System.nanoTime() > until) {
        Assertions.fail("timed out waiting until " + what);
      }
      Thread.sleep(50);
    }
  }

  /** The condition, false while the page is mid-navigation and cannot be read. */
  private static boolean holds(BooleanSupplier condition) {
    try {
      return condition.getAsBoolean();
    } catch (org.openqa.selenium.WebDriverException e) {
      return false;
    }
  }

  @Override public void close() {
    driver.quit();
  }
}
