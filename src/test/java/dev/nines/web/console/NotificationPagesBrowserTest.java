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

/** The outbox page in a real headless Chromium, reached from the console navigation. */
class NotificationPagesBrowserTest {
  @TempDir static Path dir;
  static ConsoleServer s;
  Browser b;

  @BeforeAll
  static void start() throws Exception {
    s = new ConsoleServer(dir);
    NotificationSeed.write(s.server);
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

  private List<String> texts(String css) {
    return b.driver.findElements(By.cssSelector(css)).stream().map(WebElement::getText).toList();
  }

  private void signIn(String name) throws InterruptedException {
    b.driver.get(s.base() + "/login");
    b.driver.findElement(By.name("name")).sendKeys(name);
    b.driver.findElement(By.name("password")).sendKeys(ConsoleServer.PASSWORD);
    b.driver.findElement(By.cssSelector("button[type=submit]")).click();
    Browser.await(() -> !b.driver.getCurrentUrl().endsWith("/login")
        && !b.driver.findElements(By.cssSelector("header nav a")).isEmpty(), "signed in");
  }

  @Test
  void anSreFollowsTheNavigationToTheOutboxAndPagesThroughIt() throws Exception {
    signIn("sam");
    b.driver.findElement(By.linkText("Notifications")).click();
    Browser.await(() -> b.driver.getCurrentUrl().endsWith("/console/notifications"),
        "the notifications page is open");
    assertThat(b.driver.findElement(By.tagName("h1")).getText()).isEqualTo("Notifications");
    assertThat(texts("table.outbox tbody tr")).hasSize(50);
    assertThat(texts("tr[data-key=alert-1] td")).contains("oncall", "pending", "1");
    assertThat(texts("tr[data-key=alert-1] td.error-text").get(0)).startsWith("webhook oncall: url: "
        + "env:ONCALL_WEBHOOK_URL is not set.");
    b.shot("notifications");

    b.driver.findElement(By.cssSelector("a[data-status=failed]")).click();
    Browser.await(() -> b.driver.getCurrentUrl().endsWith("status=failed&page=1"),
        "the failed tab is open");
    // The seeded notice and October's reports from the server's first monthly run, which go
    // nowhere for the same reason.
    assertThat(texts("table.outbox tbody tr td:nth-child(2)"))
        .hasSize(1 + NotificationPagesTest.MONTHLY_RUN).containsOnly("(none)");
    assertThat(texts("td.error-text")).contains("no channel for client acme: the spec "
        + "has no audience: client channel of client acme");

    b.driver.findElement(By.cssSelector("a[data-status=delivered]")).click();
    Browser.await(() -> b.driver.getCurrentUrl().endsWith("status=delivered&page=1"),
        "the delivered tab is open");
    b.driver.findElement(By.cssSelector("a[rel=next]")).click();
    Browser.await(() -> b.driver.getCurrentUrl().endsWith("status=delivered&page=2"),
        "the second page is open");
    assertThat(texts("table.outbox tbody tr")).hasSize(10);
    assertThat(texts(".pager").get(0)).contains("Page 2 of 2 · 60 notifications");
  }

  @Test
  void aClientUserIsNotShownTheOutbox() throws Exception {
    signIn("dana");
    assertThat(texts("header nav a")).doesNotContain("Notifications");
    b.driver.get(s.base() + "/console/notifications");
    assertThat(b.driver.findElement(By.tagName("h1")).getText()).isEqualTo("Not allowed");
    assertThat(b.driver.getPageSource()).doesNotContain("oncall");
  }
}
