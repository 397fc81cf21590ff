package dev.nines.web.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** Each role in a real headless Chromium: what it is shown and what it is not. */
class BrowserTest {
  @TempDir static Path dir;
  static ConsoleServer s;
  Browser b;

  @BeforeAll
  static void start() throws Exception {
    s = new ConsoleServer(dir);
  }

  @AfterAll
  static void stop() {
    s.close();
  }

  @BeforeEach
  void open() {
    b = Browser.start();
  }

  @AfterEach
  void quit() {
    if (b != null) {
      b.close();
    }
  }

  private void go(String path) {
    b.driver.get(s.base() + path);
  }

  private void signIn(String name) throws InterruptedException {
    go("/login");
    b.driver.findElement(By.name("name")).sendKeys(name);
    b.driver.findElement(By.name("password")).sendKeys(ConsoleServer.PASSWORD);
    b.driver.findElement(By.cssSelector("button[type=submit]")).click();
    // The click only starts the sign-in (a bcrypt check, then a redirect): wait for the page.
    Browser.await(() -> !b.driver.getCurrentUrl().endsWith("/login")
        && !b.driver.findElements(By.cssSelector("header nav a")).isEmpty(), "signed in as " + name);
  }

  /** Texts of the matching elements; empty while htmx is swapping them out. */
  private List<String> texts(String css) {
    try {
      return b.driver.findElements(By.cssSelector(css)).stream().map(WebElement::getText).toList();
    } catch (org.openqa.selenium.StaleElementReferenceException e) {
      return List.of();
    }
  }

  @Test
  void anSreSeesEverySloChartsTimelinesJourneysAndLayers() throws Exception {
    go("/login");
    b.shot("login");
    signIn("sam");
    assertThat(b.driver.getCurrentUrl()).isEqualTo(s.base() + "/console");
    assertThat(texts("#rows tr td:first-child a")).hasSize(7).first()
        .isEqualTo("assign-courier-success");
    assertThat(texts("header nav a")).containsExactly("SLOs", "Monitors", "Journeys", "Layers",
        "Alerts", "Notifications", "Incidents", "Maintenance", "Reports", "Client view");
    b.shot("overview");
    b.driver.findElement(By.linkText("api-internal-errors")).click();
    Browser.await(() -> b.driver.findElements(By.cssSelector(".uplot")).size() == 3,
        "the three uPlot charts are drawn");
    assertThat(b.driver.findElement(By.tagName("h1")).getText()).startsWith("api-internal-errors");
    b.shot("slo");
    b.driver.findElement(By.linkText("6h")).click();
    Browser.await(() -> b.driver.findElements(By.cssSelector(".uplot")).size() == 3,
        "the charts of the last six hours are drawn");
    assertThat(b.driver.findElement(By.cssSelector("nav.ranges a.on")).getText()).isEqualTo("6h");
    // The legend tells a point's time in the spec's zone (Europe/Berlin), not the browser's.
    @SuppressWarnings("unchecked")
    List<Object> at = (List<Object>) b.driver.executeScript(
        "var u = document.querySelector('[data-chart=sli]').uplot;"
            + "u.setCursor({left: u.valToPos(u.data[0][0], 'x'), top: 10});"
            + "return [u.data[0][0], u.root.querySelector('.u-legend .u-series .u-value').textContent];");
    java.time.Instant first = java.time.Instant.ofEpochSecond(((Number) at.get(0)).longValue());
    assertThat(at.get(1)).isEqualTo(java.time.format.DateTimeFormatter
        .ofPattern("d MMM HH:mm", java.util.Locale.ENGLISH)
        .format(first.atZone(java.time.ZoneId.of("Europe/Berlin"))));
    b.shot("slo-6h");
    go("/console/monitors/platform-health");
    assertThat(b.driver.findElements(By.cssSelector("svg.timeline"))).hasSize(4);
    assertThat(texts(".uptime .every")).containsOnly("checked every 30s").hasSize(4);
    b.shot("monitor");
    go("/console/journeys/order-to-tracking");
    assertThat(texts("table.steps tbody td:first-child")).containsExactly("fetch-order",
        "assign-courier", "track");
    b.shot("journey");
    go("/console/layers");
    assertThat(b.driver.findElement(By.cssSelector(".layer.origin .lname strong")).getText())
        .isEqualTo("api");
    b.shot("layers");
    go("/console/monitors");
    b.shot("monitors");
  }

  @Test
  void anSreWorksAnIncidentFromAFiringPageAndAnnouncesMaintenance() throws Exception {
    s.server.alerts().evaluate();
    s.server.alerts().deliver();
    signIn("sam");
    go("/console/alerts");
    assertThat(texts("section.card table.alerts td strong")).anyMatch(t -> t.startsWith(
        "Page: api-internal-errors burns its error budget"));
    b.shot("alerts");
    go("/console/incidents");
    b.driver.findElement(By.cssSelector("td a[href^='/console/incidents/']")).click();
    assertThat(b.driver.findElement(By.tagName("h1")).getText()).contains("open");
    b.driver.findElement(By.cssSelector("form[action$='/note'] textarea")).sendKeys(
        "A connection pool too small for the new courier gateway.");
    b.driver.findElement(By.cssSelector("form[action$='/note'] button")).click();
    Browser.await(() -> texts("blockquote.note").equals(List.of(
        "A connection pool too small for the new courier gateway.")), "the note is saved");
    b.shot("incident");
    go("/console/maintenance");
    b.driver.findElement(By.name("start")).sendKeys("11212026\t0200AM");
    b.driver.findElement(By.name("end")).sendKeys("11212026\t0330AM");
    b.driver.findElement(By.name("reason")).sendKeys("Database upgrade");
    b.driver.findElement(By.cssSelector("form[action='/console/maintenance'] button")).click();
    Browser.await(() -> b.driver.getPageSource().contains("Database upgrade"),
        "the window is listed");
    b.shot("maintenance");
  }

  @Test
  void theOverviewFiltersInPlaceWithHtmx() throws Exception {
    signIn("sam");
    b.driver.findElement(By.cssSelector("select[name=client] option[value=globex]")).click();
    Browser.await(() -> texts("#rows tr td:first-child a").equals(List.of("globex-ship-success")),
        "the rows show only Globex");
    assertThat(b.driver.getCurrentUrl()).endsWith("/console?q=&client=globex&alert=&audience=");
  }

  @Test
  void anAdminManagesUsers() throws Exception {
    signIn("ada");
    assertThat(texts("header nav a")).contains("Users");
    go("/console/users");
    assertThat(texts("table tbody td:first-child")).contains("ada", "dana", "gus", "sam");
    b.shot("users");
  }

  @Test
  void aClientSeesItsPortalAndNothingInternal() throws Exception {
    signIn("dana");
    assertThat(b.driver.getCurrentUrl()).isEqualTo(s.base() + "/portal");
    assertThat(texts("header nav a")).containsExactly("Service levels");
    assertThat(texts(".slo-client h2")).containsExactly("Courier assignment", "Order import",
        "Platform availability", "Order to tracking");
    assertThat(b.driver.findElements(By.cssSelector("svg.days"))).hasSize(4);
    assertThat(b.driver.getPageSource()).doesNotContain("api-internal-errors")
        .doesNotContain("Globex").doesNotContain("burn");
    b.shot("portal");
    b.phone("portal-phone");
    assertThat(sidewaysScroll()).as("the portal on a phone scrolls sideways").isLessThanOrEqualTo(0);
    go("/console/slos/assign-courier-success");
    assertThat(b.driver.findElement(By.tagName("h1")).getText()).isEqualTo("Not allowed");
    go("/console");
    assertThat(b.driver.findElement(By.tagName("h1")).getText()).isEqualTo("Not allowed");
    b.shot("client-forbidden");
  }

  @Test
  void theStatusPageNeedsNoSignIn() throws Exception {
    go("/status/acme");
    assertThat(b.driver.findElement(By.tagName("h1")).getText())
        .isEqualTo("Acme Logistics status");
    assertThat(texts(".component h2")).containsExactly("Platform");
    assertThat(b.driver.findElements(By.cssSelector("svg.days rect"))).hasSize(90);
    assertThat(b.driver.findElements(By.cssSelector("header nav"))).isEmpty();
    assertThat(b.driver.findElement(By.cssSelector(".banner")).getText()).isNotBlank();
    b.shot("status");
    b.phone("status-phone");
    // On a phone nothing is wider than the screen: no sideways scrolling.
    assertThat(sidewaysScroll()).isLessThanOrEqualTo(0);
  }

  /** How many CSS pixels the page is wider than the window. */
  private int sidewaysScroll() {
    return ((Number) b.driver.executeScript("return document.documentElement.scrollWidth"
        + " - document.documentElement.clientWidth")).intValue();
  }

  /** Emulates a phone 390 CSS pixels wide (an iPhone 12 to 15), touch and mobile viewport. */
  private void phone() {
    b.driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", java.util.Map.of(
        "width", PHONE_WIDTH, "height", 844, "deviceScaleFactor", 2, "mobile", true));
  }

  private static final int PHONE_WIDTH = 390;

  private Number js(String script, Object... args) {
    return (Number) b.driver.executeScript(script, args);
  }

  /** The page does not scroll sideways, and every table scrolls inside a box within the page. */
  private void fitsThePhone(String path) {
    assertThat(js("return document.documentElement.scrollWidth").intValue()).as(path + " page width")
        .isLessThanOrEqualTo(PHONE_WIDTH);
    for (WebElement table : b.driver.findElements(By.cssSelector("main table"))) {
      Number right = js("""
          let e = arguments[0];
          while (e && e !== document.body && getComputedStyle(e).overflowX !== 'auto') e = e.parentElement;
          return (e && e !== document.body ? e : arguments[0]).getBoundingClientRect().right;""", table);
      assertThat(right.doubleValue()).as(path + ": a table's scroll box").isLessThanOrEqualTo(PHONE_WIDTH);
    }
  }

  @Test
  void theConsoleIsUsableOnAPhone390PixelsWide() throws Exception {
    signIn("ada");
    phone();
    for (String path : List.of("/console", "/console/monitors", "/console/journeys",
        "/console/journeys/order-to-tracking", "/console/layers", "/console/alerts",
        "/console/notifications", "/console/users")) {
      go(path);
      fitsThePhone(path);
      WebElement signOut = b.driver.findElement(By.cssSelector("header .who button"));
      assertThat(signOut.getRect().getX() + signOut.getRect().getWidth()).as(path + " sign out")
          .isLessThanOrEqualTo(PHONE_WIDTH);
    }
    go("/console");
    java.nio.file.Files.createDirectories(Browser.SHOTS);
    java.nio.file.Files.write(Browser.SHOTS.resolve("phone-overview.png"),
        b.driver.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
    // Every link of the navigation can be scrolled to and tapped within the screen.
    List<WebElement> links = b.driver.findElements(By.cssSelector("header nav a"));
    assertThat(links).hasSize(11);
    for (WebElement link : links) {
      b.driver.executeScript("arguments[0].scrollIntoView({inline: 'nearest', block: 'nearest'})", link);
      var r = link.getRect();
      assertThat(r.getX()).as(link.getText()).isGreaterThanOrEqualTo(0);
      assertThat(r.getX() + r.getWidth()).as(link.getText()).isLessThanOrEqualTo(PHONE_WIDTH);
    }
    links.get(links.size() - 1).click();
    Browser.await(() -> b.driver.getCurrentUrl().endsWith("/console/users"), "Users opens");
  }
}
