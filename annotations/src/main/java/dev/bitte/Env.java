package dev.bitte;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** An environment variable of a {@link Task}, e.g. {@code @Env(name = "PORT", value = "8080")}. */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({})
public @interface Env {
  /** The variable's name: a letter or '_' then letters, digits and '_'. Required. */
  String name();

  /** The value, written as is (Nomad interpolates {@code ${NOMAD_PORT_http}}-style references). Required. */
  String value();
}
