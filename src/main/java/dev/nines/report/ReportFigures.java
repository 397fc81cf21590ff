package dev.nines.report;

import dev.nines.incident.Incident;
import dev.nines.view.ClientCompliance;
import dev.nines.view.IncidentImpact;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The content hash of a report's figures: SHA-256 over a canonical text of every count, day,
 * uptime, incident and maintenance window (not the generation time, not the rendering), so
 * generating the same month twice from the same store prints the same hash.
 */
final class ReportFigures {
  private ReportFigures() {}

  /** The canonical text the hash is taken of, one figure a line. */
  static String canonical(MonthlyReport r) {
    StringBuilder b = new StringBuilder();
    b.append("client ").append(r.client().name()).append(" month ").append(r.month())
        .append(" zone ").append(r.zone().getId()).append(" complete ").append(r.complete())
        .append('\n');
    for (MonthlyReport.Slo s : r.slos()) {
      b.append("slo ").append(s.spec().name()).append(" target ")
          .append(s.spec().target().percent().toPlainString()).append(" good ")
          .append(s.figures().counts().good()).append(" valid ")
          .append(s.figures().counts().valid()).append(" previous ")
          .append(s.previous().counts().good()).append('/').append(s.previous().counts().valid())
          .append('\n');
      for (ClientCompliance.Day d : s.days()) {
        b.append(" day ").append(d.date()).append(' ').append(d.counts().good()).append('/')
            .append(d.counts().valid()).append('\n');
      }
      for (MonthlyReport.MonitorUptime m : s.uptime()) {
        b.append(" monitor ").append(m.monitor().name()).append(' ')
            .append(m.uptime().upMillis()).append(' ').append(m.uptime().downMillis())
            .append(' ').append(m.uptime().unknownMillis()).append(' ')
            .append(m.uptime().uncertainMillis()).append(' ')
            .append(m.uptime().uncertainUpMillis())
            .append('\n');
      }
    }
    for (MonthlyReport.IncidentEntry e : r.incidents()) {
      Incident i = e.incident();
      b.append("incident ").append(i.id()).append(' ').append(i.openedAt()).append(' ')
          .append(i.resolvedAt()).append(' ').append(e.title()).append(' ')
          .append(i.rootCause()).append('\n');
      for (IncidentImpact.Slo s : e.impact().slos()) {
        b.append(" impact ").append(s.slo().name()).append(' ').append(s.bad()).append('/')
            .append(s.valid()).append('\n');
      }
    }
    for (MonthlyReport.MaintenanceEntry m : r.maintenance()) {
      b.append("maintenance ").append(m.window().service()).append(' ')
          .append(m.window().start()).append(' ').append(m.window().end()).append(' ')
          .append(m.window().reason()).append('\n');
    }
    return b.toString();
  }

  static String hash(MonthlyReport r) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(canonical(r).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
