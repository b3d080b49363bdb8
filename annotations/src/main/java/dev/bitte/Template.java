package dev.bitte;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A file Nomad renders for a {@link Task} with consul-template, from inline {@link #data()} or
 * from a file of the project ({@link #source()}), e.g.
 * {@code @Template(destination = "secrets/db.env", env = true, data = "PGPASSWORD={{ with secret \"kv/db\" }}{{ .Data.password }}{{ end }}")}.
 * Exactly one of data and source.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({})
public @interface Template {
  /** Where the file is rendered, relative to the task directory, e.g. {@code "local/app.conf"}. Required. */
  String destination();

  /** The template text. Default "". */
  String data() default "";

  /**
   * A file relative to the project directory (the processor option {@code bitte.projectDir})
   * whose content becomes the template text; read at compile time. Default "".
   */
  String source() default "";

  /** Whether the rendered file is read as {@code KEY=value} lines into the task's environment. Default false. */
  boolean env() default false;

  /** What happens when the rendered content changes. Default {@link ChangeMode#RESTART}. */
  ChangeMode changeMode() default ChangeMode.RESTART;

  /** The signal for {@link ChangeMode#SIGNAL}, e.g. {@code "SIGHUP"}. Default "". */
  String changeSignal() default "";
}
