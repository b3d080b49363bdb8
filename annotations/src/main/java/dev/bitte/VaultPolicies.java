package dev.bitte;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.annotation.ElementType;

/** The container of repeated {@link VaultPolicy} annotations; write {@code @VaultPolicy} twice instead. */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface VaultPolicies {
  /** The policies. */
  VaultPolicy[] value();
}
