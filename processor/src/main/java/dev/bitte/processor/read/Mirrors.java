package dev.bitte.processor.read;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;

/**
 * Reads annotation attributes through mirrors (never {@code getAnnotation()}, which hands back
 * {@code "<error>"} for unresolved classes), with the annotation's defaults applied.
 */
public final class Mirrors {
  private final Elements elements;

  public Mirrors(Elements elements) {
    this.elements = elements;
  }

  public static AnnotationMirror find(Element element, String annotationName) {
    for (AnnotationMirror m : element.getAnnotationMirrors()) {
      if (((TypeElement) m.getAnnotationType().asElement()).getQualifiedName().contentEquals(annotationName)) {
        return m;
      }
    }
    return null;
  }

  /** The attribute values of one annotation, defaults included. */
  public Values values(AnnotationMirror mirror) {
    return new Values(mirror, elements.getElementValuesWithDefaults(mirror));
  }

  /** Typed access to one annotation's attributes. */
  public final class Values {
    private final AnnotationMirror mirror;
    /**
     * The attributes by simple name, indexed once: a lookup used to walk every attribute and
     * compare javac {@code Name}s, which converts each to a new String (a @Task has 22
     * attributes; the readers look up most of them, for every job).
     */
    private final Map<String, AnnotationValue> byName;

    Values(AnnotationMirror mirror, Map<? extends ExecutableElement, ? extends AnnotationValue> all) {
      this.mirror = mirror;
      this.byName = new HashMap<>(all.size() * 2);
      for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e : all.entrySet()) {
        byName.putIfAbsent(e.getKey().getSimpleName().toString(), e.getValue());
      }
    }

    public AnnotationMirror mirror() {
      return mirror;
    }

    private Object raw(String name) {
      AnnotationValue v = byName.get(name);
      return v == null ? null : v.getValue();
    }

    /** A string attribute; "" when missing (an erroneous value in source). */
    public String string(String name) {
      return raw(name) instanceof String s ? s : "";
    }

    public int integer(String name) {
      return raw(name) instanceof Integer i ? i : 0;
    }

    public boolean bool(String name) {
      return raw(name) instanceof Boolean b && b;
    }

    /** An enum constant's name, or "" when missing. */
    public String enumName(String name) {
      return raw(name) instanceof VariableElement v ? v.getSimpleName().toString() : "";
    }

    public List<String> strings(String name) {
      List<String> out = new ArrayList<>();
      for (AnnotationValue v : list(name)) {
        out.add(v.getValue() instanceof String s ? s : "");
      }
      return out;
    }

    public List<String> enumNames(String name) {
      List<String> out = new ArrayList<>();
      for (AnnotationValue v : list(name)) {
        out.add(v.getValue() instanceof VariableElement e ? e.getSimpleName().toString() : "");
      }
      return out;
    }

    /** The class mirrors of a Class[] or Class attribute. */
    public List<TypeMirror> types(String name) {
      Object raw = raw(name);
      if (raw instanceof TypeMirror t) {
        return List.of(t);
      }
      List<TypeMirror> out = new ArrayList<>();
      for (AnnotationValue v : list(name)) {
        if (v.getValue() instanceof TypeMirror t) {
          out.add(t);
        }
      }
      return out;
    }

    /** The raw values of an array attribute (a single value counts as a one-element array). */
    public List<AnnotationValue> list(String name) {
      Object raw = raw(name);
      if (raw instanceof List<?> l) {
        List<AnnotationValue> out = new ArrayList<>();
        for (Object o : l) {
          out.add((AnnotationValue) o);
        }
        return out;
      }
      AnnotationValue v = byName.get(name);
      return v == null ? List.of() : List.of(v);
    }

    /** The nested annotations of an annotation-array attribute, each with its value. */
    public List<Nested> annotations(String name) {
      List<Nested> out = new ArrayList<>();
      for (AnnotationValue v : list(name)) {
        if (v.getValue() instanceof AnnotationMirror m) {
          out.add(new Nested(v, new Values(m, elements.getElementValuesWithDefaults(m))));
        }
      }
      return out;
    }
  }

  /** A nested annotation: the value it was written as, and its attributes. */
  public record Nested(AnnotationValue value, Values values) {}
}
