package dev.nines.spec.openslo;

import dev.nines.spec.Fields;
import dev.nines.spec.Location;
import dev.nines.spec.YamlNode;

/**
 * One OpenSLO object, declared at the top level of a file or inline in another object, with
 * its kind, metadata and located spec.
 *
 * @param spec the located spec mapping, or null when it was missing or malformed (reported)
 * @param specNode the spec as written, for kinds whose spec holds free-form fields
 */
record OpenSloObject(String apiVersion, String kind, Meta meta, Fields spec, YamlNode specNode,
    Location location) {

  String name() {
    return meta.name();
  }

  /**
   * Reads an object written inline (an indicator in an SLO, a condition in a policy). Its
   * {@code kind}, when written, must be {@code kind}; {@code apiVersion} may be omitted.
   */
  static OpenSloObject inline(Fields f, String apiVersion, String kind, boolean nameRequired) {
    f.allowOnly("apiVersion", "kind", "metadata", "spec");
    String written = f.string("kind");
    if (written != null && !written.equals(kind)) {
      f.error("kind", written + " is not allowed here. Expected " + kind);
    }
    return read(f, apiVersion, kind, nameRequired);
  }

  /** Reads the metadata and spec of an object whose apiVersion and kind are known. */
  static OpenSloObject read(Fields f, String apiVersion, String kind, boolean nameRequired) {
    Meta meta = Meta.read(f, nameRequired);
    Fields spec = f.map("spec");
    if (spec == null && !f.has("spec") && !kind.equals("Service")) {
      required(f, "spec", "a mapping");
    }
    return new OpenSloObject(apiVersion, kind, meta, spec, f.raw("spec"), f.location());
  }

  /** Reports that {@code key} is missing from {@code f}, saying what was expected. */
  static void required(Fields f, String key, String expected) {
    f.problems().error(f.location(), f.pathOf(key), "is required. Expected " + expected);
  }
}
