package dev.nines.export.grafana;

import java.util.List;

/**
 * A dashboard and where it goes: its folder path (e.g. {@code Internal}, {@code Probes}) and
 * file name. The uid derives from this logical path, so it stays put with flat folders too.
 */
record DashboardFile(List<String> folders, String fileName, Dashboard dashboard) {
  DashboardFile {
    folders = List.copyOf(folders);
  }

  /** A dashboard titled {@code title} in {@code folders}, file and uid derived from the title. */
  static DashboardFile of(List<String> folders, String title, String description,
      List<String> tags, String timeFrom, List<Panel> panels) {
    String uid = Uids.of(String.join("/", folders) + "/" + Uids.slug(title));
    return new DashboardFile(folders, Uids.slug(title) + ".json",
        new Dashboard(uid, title, description, tags, timeFrom, panels));
  }

  /** The folder name for a title: path separators replaced, so it is one directory. */
  static String folderName(String title) {
    return title.replaceAll("[/\\\\]", "-").strip();
  }
}
