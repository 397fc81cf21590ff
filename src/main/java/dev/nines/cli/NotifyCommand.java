package dev.nines.cli;

import dev.nines.model.ChannelSpec;
import dev.nines.model.Spec;
import dev.nines.notify.Channel;
import dev.nines.notify.Channels;
import dev.nines.notify.Delivery;
import dev.nines.notify.DeliveryException;
import dev.nines.notify.Notification;
import dev.nines.notify.NotificationJson;
import dev.nines.store.OutboxMessage;
import dev.nines.store.Store;
import dev.nines.store.Stores;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code nines notify test CHANNEL --spec FILE}: one test message, straight to a channel. */
@Command(name = "notify", mixinStandardHelpOptions = true,
    description = "Notification channels.", subcommands = NotifyCommand.Test.class)
final class NotifyCommand implements Runnable {
  @picocli.CommandLine.Spec CommandSpec spec;

  @Override public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "test", mixinStandardHelpOptions = true, description = "Send one TEST "
      + "notification directly to a channel of the spec (not through the outbox) and print "
      + "what was sent and what the receiver answered. Exits 1 when the channel fails. With "
      + "--db or --data-dir the attempt is recorded in that store's outbox as delivered or "
      + "failed, never as pending.")
  static final class Test implements Callable<Integer> {
    @picocli.CommandLine.Spec CommandSpec spec;
    @Parameters(index = "0", paramLabel = "CHANNEL") String channel;
    @Option(names = "--spec", required = true, paramLabel = "FILE",
        description = "The spec that declares the channel.") Path specFile;
    @Option(names = "--db", paramLabel = "URL", defaultValue = "${env:NINES_DB_URL}",
        description = "Record the attempt in this store (JDBC URL). Env: NINES_DB_URL.")
    String db;
    @Option(names = "--data-dir", paramLabel = "DIR",
        description = "Record the attempt in the SQLite store of this data directory.")
    Path dataDir;

    @Override public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      try {
        ValidateCommand.Loaded loaded = ValidateCommand.load(specFile, err);
        if (loaded.spec() == null) {
          return loaded.exit();
        }
        Spec s = loaded.spec().spec();
        ChannelSpec c = s.channels().stream().filter(x -> x.name().equals(channel)).findFirst()
            .orElse(null);
        if (c == null) {
          err.printf("nines notify test: channel '%s' is not in %s. Expected one of %s%n",
              channel, specFile, s.channels().isEmpty() ? "(none declared)"
                  : String.join(", ", s.channels().stream().map(ChannelSpec::name).toList()));
          return 2;
        }
        Instant now = Clock.systemUTC().instant();
        Notification n = Notification.test(c.name(), c.audience(), c.client(), now);
        Channel ch = Channels.system(() -> s, Clock.systemUTC()).create(c);
        out.printf("sending a test notification to %s channel %s (audience %s%s)%n", c.kind(),
            c.name(), c.audience().name().toLowerCase(Locale.ROOT),
            c.client() == null ? "" : ", client " + c.client());
        out.printf("  key:     %s%n  title:   %s%n", n.key(), n.title());
        out.flush();
        try {
          Delivery d = ch.send(n);
          out.printf("  request: %s%n  answer:  %s%n", d.request(), d.answer());
          record(n, c, null, now, out);
          return 0;
        } catch (DeliveryException e) {
          err.println("nines notify test: " + e.getMessage());
          record(n, c, e.getMessage(), now, out);
          return 1;
        }
      } catch (IllegalArgumentException e) {
        err.println("nines notify test: " + e.getMessage());
        return 1;
      } finally {
        out.flush();
        err.flush();
      }
    }

    /** Records the attempt as a delivered or failed row when a store was named. */
    private void record(Notification n, ChannelSpec c, String error, Instant at,
        PrintWriter out) {
      if ((db == null || db.isBlank()) && dataDir == null) {
        return;
      }
      try (Store store = Stores.open(db == null || db.isBlank() ? null : db,
          dataDir == null ? Path.of("data") : dataDir, null, null)) {
        store.enqueueOutbox(List.of(new OutboxMessage(0, n.key(), c.name(), n.kind().id(),
            n.client(), n.title(), NotificationJson.write(n),
            error == null ? OutboxMessage.DELIVERED : OutboxMessage.FAILED, 1, error, at, at,
            error == null ? at : null)));
        out.printf("  recorded in the outbox of the %s store as %s%n", store.dialect(),
            error == null ? "delivered" : "failed");
      }
    }
  }
}
