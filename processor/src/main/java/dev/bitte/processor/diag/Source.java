package dev.bitte.processor.diag;

/**
 * Where a model value came from, so that later stages can point a diagnostic at the exact
 * annotation attribute without touching {@code javax.lang.model}. The read stage implements it;
 * model, validate and plan only pass it along.
 */
public interface Source {
  /** The same element and annotation, pointing at the given attribute (if it was written). */
  Source at(String attribute);

  /** The same element and annotation, pointing at element {@code index} of an array attribute. */
  Source at(String attribute, int index);

  /** Names the element, for messages: {@code MyTestnet.ClientsEu}. */
  String describe();

  /** Whether the element (or an enclosing one) suppresses the rule by name. */
  boolean suppresses(Rule rule);

  /** A source for values that have no declaration (tests, synthesized defaults). */
  Source NONE = new Source() {
    @Override public Source at(String attribute) { return this; }
    @Override public Source at(String attribute, int index) { return this; }
    @Override public String describe() { return "<none>"; }
    @Override public boolean suppresses(Rule rule) { return false; }
  };
}
