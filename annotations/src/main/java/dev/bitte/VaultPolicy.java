package dev.bitte;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;

/**
 * Declares a Vault policy, on a {@link Cluster} type (available to all its jobs) or a {@link Job}
 * type; the {@code hydrate} workspace creates it, and tasks ask for it by name
 * ({@link Task#vaultPolicies()}). Repeatable.
 *
 * <pre>{@code
 * @VaultPolicy(name = "web", rules = "path \"kv/data/web/*\" { capabilities = [\"read\"] }")
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
@Repeatable(VaultPolicies.class)
public @interface VaultPolicy {
  /** The policy's name, a DNS label unique in the cluster. Required. */
  String name();

  /** The policy in Vault's HCL policy language. Required. */
  String rules();
}
