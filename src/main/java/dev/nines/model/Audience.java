package dev.nines.model;

/** Who may see an SLO or a channel: the client (portal, reports) or only the internal team. */
public enum Audience {
  CLIENT, INTERNAL
}
