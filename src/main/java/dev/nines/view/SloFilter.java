package dev.nines.view;

import dev.nines.model.Audience;
import dev.nines.model.Severity;
import dev.nines.model.SliKind;
import dev.nines.model.Spec;
import dev.nines.live.LiveSlos;
import java.util.Locale;

/**
 * Which SLOs a list shows; a null field does not filter.
 *
 * @param alert {@code page}, {@code ticket}, {@code firing} (either) or {@code none}
 * @param text a case-insensitive part of the name, service or endpoint
 */
public record SloFilter(String client, String service, SliKind kind, String alert,
    Audience audience, String text) {
  /** Shows every SLO. */
  public static final SloFilter ALL = new SloFilter(null, null, null, null, null, null);

  public SloFilter {
    if (alert != null && !alert.matches("page|ticket|firing|none")) {
      throw new IllegalArgumentException("alert: '" + alert + "' is not a filter. Expected "
          + "page, ticket, firing or none");
    }
    text = text == null || text.isBlank() ? null : text.strip().toLowerCase(Locale.ROOT);
  }

  /** Whether {@code v} passes; {@code spec} tells the client of its service. */
  public boolean test(LiveSlos.View v, Spec spec) {
    var slo = v.spec();
    if (client != null) {
      var s = spec.service(slo.service());
      if (s == null || !client.equals(s.client())) {
        return false;
      }
    }
    if (service != null && !service.equals(slo.service())
        || kind != null && kind != slo.sli().kind()
        || audience != null && audience != slo.audience()) {
      return false;
    }
    if (alert != null) {
      Severity a = v.status().alert();
      boolean ok = switch (alert) {
        case "page" -> a == Severity.PAGE;
        case "ticket" -> a == Severity.TICKET;
        case "firing" -> a != null;
        default -> a == null;
      };
      if (!ok) {
        return false;
      }
    }
    return text == null || contains(slo.name()) || contains(slo.service())
        || contains(slo.endpoint());
  }

  private boolean contains(String s) {
    return s != null && s.toLowerCase(Locale.ROOT).contains(text);
  }
}
