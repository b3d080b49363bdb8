package dev.bitte.processor.read;

import dev.bitte.processor.diag.Rule;
import dev.bitte.processor.diag.Source;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * A {@link Source} backed by the element, the annotation as written on it ({@code top}, what the
 * Messager wants), the annotation whose attributes we look up ({@code current}: {@code top} or a
 * nested annotation such as a {@code @SecurityRule} inside {@code @Core}), and the value to
 * underline (null: the whole annotation).
 */
public final class ElementSource implements Source {
  private final Element element;
  private final AnnotationMirror top;
  private final AnnotationMirror current;
  private final AnnotationValue value;

  private ElementSource(Element element, AnnotationMirror top, AnnotationMirror current, AnnotationValue value) {
    this.element = element;
    this.top = top;
    this.current = current;
    this.value = value;
  }

  public static ElementSource of(Element element, AnnotationMirror annotation) {
    return new ElementSource(element, annotation, annotation, null);
  }

  public static ElementSource of(Element element) {
    return new ElementSource(element, null, null, null);
  }

  /** A source for an annotation nested in this one's attribute (an element of an array of annotations). */
  public ElementSource nested(AnnotationValue nestedValue, AnnotationMirror nested) {
    return new ElementSource(element, top, nested, nestedValue);
  }

  @Override
  public Source at(String attribute) {
    AnnotationValue v = explicit(attribute);
    return v == null ? this : new ElementSource(element, top, current, v);
  }

  @Override
  public Source at(String attribute, int index) {
    AnnotationValue v = explicit(attribute);
    if (v != null && v.getValue() instanceof List<?> list && index >= 0 && index < list.size()) {
      return new ElementSource(element, top, current, (AnnotationValue) list.get(index));
    }
    return v == null ? this : new ElementSource(element, top, current, v);
  }

  private AnnotationValue explicit(String attribute) {
    if (current == null) {
      return null;
    }
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e : current.getElementValues().entrySet()) {
      if (e.getKey().getSimpleName().contentEquals(attribute)) {
        return e.getValue();
      }
    }
    return null;
  }

  @Override
  public String describe() {
    StringBuilder name = new StringBuilder();
    for (Element e = element; e != null && (e instanceof TypeElement); e = e.getEnclosingElement()) {
      name.insert(0, name.length() == 0 ? e.getSimpleName() : e.getSimpleName() + ".");
    }
    return name.length() == 0 ? element.getSimpleName().toString() : name.toString();
  }

  @Override
  public boolean suppresses(Rule rule) {
    for (Element e = element; e != null; e = e.getEnclosingElement()) {
      for (AnnotationMirror m : e.getAnnotationMirrors()) {
        if (!((TypeElement) m.getAnnotationType().asElement()).getQualifiedName().contentEquals("java.lang.SuppressWarnings")) {
          continue;
        }
        for (AnnotationValue v : m.getElementValues().values()) {
          Object raw = v.getValue();
          List<?> names = raw instanceof List<?> l ? l : List.of(v);
          for (Object n : names) {
            if (n instanceof AnnotationValue av && rule.id().equals(av.getValue())) {
              return true;
            }
          }
        }
      }
    }
    return false;
  }

  public Element element() {
    return element;
  }

  public AnnotationMirror annotation() {
    return top;
  }

  public AnnotationValue value() {
    return value;
  }
}
